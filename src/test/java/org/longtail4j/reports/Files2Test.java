package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

/**
 * Run files get the mode every other tool's files get (0666 less the umask): they were 0600 whatever
 * the umask, so a colleague could not read or evaluate a shared run. A write that fails is one line
 * naming the file and the system's reason.
 */
class Files2Test {

    @TempDir
    Path dir;

    /** The mode a plain new file gets here: what the umask allows. */
    private Set<PosixFilePermission> umaskMode() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        return Files.getPosixFilePermissions(plain);
    }

    @Test
    void atomicWritesHonourTheUmask() throws IOException {
        Set<PosixFilePermission> expected = umaskMode();
        Path file = dir.resolve("results.json");
        Files2.writeAtomically(file, "{}\n");
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Json.write(dir.resolve("split.json"), Map.of("a", 1));
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("split.json"))));
    }

    @Test
    void anAtomicWriteLeavesNoTemporaryFile() throws IOException {
        Files2.writeAtomically(dir.resolve("a.txt"), "one");
        Files2.writeAtomically(dir.resolve("a.txt"), "two");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("two", Files.readString(dir.resolve("a.txt")));
    }

    @Test
    void aFullDiskIsOneLineNamingTheFile() {
        // /dev/full answers every write with ENOSPC, as a full disk does
        Path full = Path.of("/dev/full");
        BadInputException e = assertThrows(BadInputException.class, () -> Files2.appendLine(full, "{\"epoch\": 1}"));
        assertEquals("cannot write /dev/full: No space left on device", e.getMessage());
    }

    @Test
    void aFolderInPlaceOfTheFileIsOneLine() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("results.json"));
        Files.writeString(folder.resolve("x"), "x");
        BadInputException e = assertThrows(BadInputException.class, () -> Files2.writeAtomically(folder, "{}"));
        assertEquals("cannot write " + folder + ": Is a directory", e.getMessage());
    }
}
