package org.longtail4j.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.longtail4j.BadInputException;
import org.longtail4j.util.IoErrors;

/**
 * The data folder a user names, checked with the right cause: before, an unreadable folder was
 * reported as missing and a file as "does not exist".
 */
final class DataFolders {

    private DataFolders() {}

    /**
     * {@code root} must be a folder this process can read files in.
     *
     * @param holds what the folder should hold, for messages ("the four Fashion-MNIST .gz files")
     * @param hint what to do when it does not exist ("--download fetches them")
     */
    static void requireReadable(Path root, String holds, String hint) {
        BasicFileAttributes attributes = attributes(root, "data folder " + root + " does not exist (expected " + holds
                + " there; " + hint + ")");
        if (!attributes.isDirectory()) {
            throw new BadInputException("data folder " + root + " is a file, expected a folder with " + holds);
        }
        requireSearchable(root);
    }

    /**
     * {@code root} must be a folder this process can read files in, or a file it can read (an archive).
     *
     * @param missing the whole message for a {@code root} that does not exist
     */
    static void requireReadableFolderOrFile(Path root, String missing) {
        if (attributes(root, missing).isDirectory()) {
            requireSearchable(root);
        } else if (!Files.isReadable(root)) {
            throw new BadInputException("cannot read data file " + root + ": permission denied");
        }
    }

    private static BasicFileAttributes attributes(Path root, String missing) {
        try {
            return Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException(missing);
        } catch (AccessDeniedException e) {
            // a folder above it cannot be entered
            throw new BadInputException("cannot read data folder " + root + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException("cannot read data folder " + root + ": " + IoErrors.reason(e));
        }
    }

    /** The readers open the files by name, which takes a folder's search (x) permission, not its listing. */
    private static void requireSearchable(Path root) {
        if (!Files.isExecutable(root)) {
            throw new BadInputException("cannot read data folder " + root + ": permission denied");
        }
    }
}
