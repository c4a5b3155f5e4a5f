package org.longtail4j.runfolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.longtail4j.BadInputException;
import org.longtail4j.util.IoErrors;

/**
 * Checks on a folder the toolkit is about to write, made before any data are read, so that an
 * {@code --out} naming a file or a read-only place fails at once with one line naming the path and the
 * cause, instead of with a Java exception after minutes of work.
 */
public final class RunFolderChecks {

    private RunFolderChecks() {}

    /** Creates {@code folder} (and its parents) if needed; {@code what} names it in messages ("run folder"). */
    public static void createWritableFolder(Path folder, String what) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new BadInputException(what + " " + folder + " is a file, expected a folder");
        }
        for (Path above = folder.getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    throw new BadInputException("cannot create " + what + " " + folder + ": " + above
                            + " is a file, not a folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException("cannot create " + what + " " + folder + ": " + IoErrors.reason(e));
        }
    }

    /** {@code folder} must exist already and be a folder. */
    public static void requireWritableFolder(Path folder, String what) {
        if (!Files.exists(folder)) {
            throw new BadInputException(what + " " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(what + " " + folder + " is a file, expected a folder");
        }
    }
}
