package org.longtail4j.data.formats;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.longtail4j.BadInputException;
import org.longtail4j.util.IoErrors;

/**
 * Where CIFAR files come from: an unpacked folder, or the canonical .tar.gz read as it is.
 *
 * <p>Reading the archive directly spares users unpacking 160 MB to read it once. A gzipped tar can
 * only be read front to back, so both kinds of source offer the same single pass: every wanted file
 * that is present is handed over, in whatever order the source has them, and the caller puts them in
 * order.
 */
sealed interface CifarSource {

    /** Receives one file: its base name, a name for messages, and its bytes. */
    interface FileHandler {
        void accept(String name, String displayName, byte[] content);
    }

    /** The folder or archive, for messages. */
    Path path();

    /** Hands each present file whose base name is in {@code names} to {@code handler}. */
    void read(Set<String> names, FileHandler handler);

    /** Files directly inside {@code path}. */
    record Folder(Path path) implements CifarSource {
        @Override
        public void read(Set<String> names, FileHandler handler) {
            for (String name : names) {
                Path file = path.resolve(name);
                if (Files.isRegularFile(file)) {
                    try {
                        handler.accept(name, file.toString(), Files.readAllBytes(file));
                    } catch (IOException e) {
                        throw new BadInputException("file " + file + ": cannot read (" + IoErrors.reason(e) + ")", e);
                    }
                }
            }
        }
    }

    /** Members of a .tar.gz archive, matched by base name whatever folder they are in. */
    record Archive(Path path) implements CifarSource {
        @Override
        public void read(Set<String> names, FileHandler handler) {
            InputStream file;
            try {
                file = Files.newInputStream(path);
            } catch (IOException e) {
                throw new BadInputException("file " + path + ": cannot read (" + IoErrors.reason(e) + ")", e);
            }
            try (InputStream raw = new BufferedInputStream(file)) {
                InputStream gunzipped;
                try {
                    gunzipped = new GzipCompressorInputStream(raw);
                } catch (IOException e) {
                    throw new BadInputException("file " + path + ": not a gzip file (" + e.getMessage()
                            + "), expected a .tar.gz archive", e);
                }
                try (TarArchiveInputStream tar = new TarArchiveInputStream(gunzipped)) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                        if (entry.isFile() && names.contains(name)) {
                            handler.accept(name, path + "!/" + entry.getName(), tar.readAllBytes());
                        }
                    }
                }
            } catch (IOException e) {
                // a cut-short gzip stream ends in an EOFException without a message
                String what = e instanceof EOFException ? "it ends early" : IoErrors.reason(e);
                throw new BadInputException("file " + path + ": corrupt or truncated archive (" + what
                        + "), expected a complete .tar.gz", e);
            }
        }
    }
}
