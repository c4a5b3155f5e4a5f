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
     * {@code root} must be a folder this process can list and read.
     *
     * @param holds what the folder should hold, for messages ("the four Fashion-MNIST .gz files")
     * @param hint what to do when it does not exist ("--download fetches them")
     */
    static void requireReadable(Path root, String holds, String hint) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException("data folder " + root + " does not exist (expected " + holds + " there; "
                    + hint + ")");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read data folder " + root + ": permission denied (on " + e.getFile()
                    + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot read data folder " + root + ": " + IoErrors.reason(e));
        }
        if (!attributes.isDirectory()) {
            throw new BadInputException("data folder " + root + " is a file, expected a folder with " + holds);
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new BadInputException("cannot read data folder " + root + ": permission denied");
        }
    }
}
