package org.longtail4j.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;
import org.longtail4j.BadInputException;
import org.longtail4j.util.IoErrors;

/**
 * File writes that never leave a half-written result: write beside the target, then rename over it.
 * A run killed mid-write leaves the previous complete file (or none), never a truncated one.
 */
public final class Files2 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Files2() {}

    /**
     * Writes {@code text} to {@code file} through a temporary sibling and a rename. The file gets the mode
     * any new file gets (0666 less the umask), so a colleague can read a shared run; a failed write is one
     * line naming the file and the cause ("No space left on device").
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = newSibling(file, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            move(tmp, file);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Creates an empty file beside {@code file}, named {@code .NAME.RANDOM SUFFIX}, with the mode the umask
     * gives. {@link Files#createTempFile} would make it 0600 whatever the umask, and a rename keeps that.
     */
    public static Path newSibling(Path file, String suffix) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        while (true) {
            Path candidate = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another name, then
            }
        }
    }

    /** Appends one line (JSON-lines logs); a line is written whole in one call. */
    public static void appendLine(Path file, String line) throws IOException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** One line for a failed write: the file and the system's reason, without a Java class name. */
    public static BadInputException cannotWrite(Path file, IOException e) {
        return new BadInputException("cannot write " + file + ": " + IoErrors.reason(e), e);
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
