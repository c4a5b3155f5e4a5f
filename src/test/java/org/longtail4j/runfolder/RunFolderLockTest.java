package org.longtail4j.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.testing.CliRun;

/**
 * One process per run folder, tested with two real processes: a child JVM holds the lock, and this
 * one (the command line's train and resume included) is refused with one line until the child is
 * killed, after which the folder can be taken at once. Before, two trains into one folder both ran.
 */
class RunFolderLockTest {

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void killHolder() throws InterruptedException {
        if (holder != null && holder.isAlive()) {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts a JVM that locks {@code folder} and returns once it says it holds the lock. */
    private Process holdInAnotherProcess(Path folder) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldRunFolderLock.class.getName(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", out.readLine(), "the holder process did not take the lock");
        return holder;
    }

    @Test
    void aSecondProcessIsRefusedUntilTheFirstIsKilled() throws Exception {
        Path run = dir.resolve("run");
        Process other = holdInAnotherProcess(run);

        BadInputException refused = assertThrows(BadInputException.class, () -> RunFolderLock.acquire(run));
        assertEquals("run folder " + run + " is in use by another process (process " + other.pid()
                + "); wait for it to end (or stop it), or choose another folder", refused.getMessage());

        other.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no chance to clean up
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertTrue(Files.isDirectory(run));
        }
    }

    @Test
    void trainIntoAFolderAnotherProcessHoldsIsOneLineAndExitTwo() throws Exception {
        Path run = dir.resolve("run");
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, "name: tiny\nstages: {stage1: {method: ce, epochs: 1}}\n");
        Process other = holdInAnotherProcess(run);

        CliRun train = CliRun.of("train", "--config", config.toString(), "--out", run.toString());
        assertEquals(2, train.exit(), train::toString);
        assertEquals(List.of("error: run folder " + run + " is in use by another process (process " + other.pid()
                + "); wait for it to end (or stop it), or choose another folder"), train.errLines());
        assertFalse(Files.exists(run.resolve("config.yaml")), "the refused train wrote into the folder");

        Files.writeString(run.resolve("config.yaml"), "name: tiny\n"); // as if the holder were a run
        CliRun resume = CliRun.of("train", "--resume", run.toString());
        assertEquals(2, resume.exit(), resume::toString);
        assertEquals(1, resume.errLines().size(), resume::toString);
        assertTrue(resume.err().contains("is in use by another process"), resume::toString);
    }

    @Test
    void aFailedStartLeavesNoFolderBehind() {
        Path run = dir.resolve("never");
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertTrue(Files.isRegularFile(run.resolve(RunFolderLock.FILE)));
        }
        assertFalse(Files.exists(run), "an empty folder made for a run that wrote nothing");
    }

    @Test
    void aFolderThatExistedStaysWithItsLockFile() throws IOException {
        Path run = Files.createDirectories(dir.resolve("kept"));
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertTrue(Files.isDirectory(run));
        }
        assertTrue(Files.isDirectory(run));
    }

    @Test
    void outNamingAFileIsOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        BadInputException e = assertThrows(BadInputException.class, () -> RunFolderLock.acquire(file));
        assertEquals("run folder " + file + " is a file, expected a folder", e.getMessage());
        BadInputException below = assertThrows(BadInputException.class,
                () -> RunFolderLock.acquire(file.resolve("run")));
        assertEquals("cannot create run folder " + file.resolve("run") + ": " + file + " is a file, not a folder",
                below.getMessage());
    }
}
