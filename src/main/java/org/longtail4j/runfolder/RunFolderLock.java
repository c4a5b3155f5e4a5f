package org.longtail4j.runfolder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.longtail4j.BadInputException;
import org.longtail4j.util.IoErrors;

/**
 * One process at a time in a run folder: an operating-system lock on {@code RUN/.lock}, held for as long
 * as the process works in the folder.
 *
 * <p>The kernel drops the lock when the process ends, however it ends (SIGKILL included), so a killed
 * run can be resumed at once, with no stale lock file to delete by hand. The file stays after a run (it
 * is an empty marker with the last holder's process id); deleting it while another process might be
 * opening it would let two processes hold locks on two different files.
 */
public final class RunFolderLock implements AutoCloseable {

    /** The lock file's name inside the run folder. */
    public static final String FILE = ".lock";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private RunFolderLock(Path folder, FileChannel channel, FileLock lock, boolean created) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Locks {@code folder}, creating it if it does not exist yet. Fails with one line when another
     * process holds it, when it is a file, or when it cannot be created or written.
     */
    public static RunFolderLock acquire(Path folder) {
        boolean created = !Files.exists(folder);
        RunFolderChecks.createWritableFolder(folder, "run folder");
        return lock(folder, created);
    }

    /** Locks {@code folder}, which must exist already (a run to resume or evaluate is not created). */
    public static RunFolderLock acquireExisting(Path folder) {
        RunFolderChecks.requireWritableFolder(folder, "run folder");
        return lock(folder, false);
    }

    private static RunFolderLock lock(Path folder, boolean created) {
        Path file = folder.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BadInputException("cannot write to run folder " + folder + ": " + IoErrors.reason(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process already, through another channel
        } catch (IOException e) {
            close(channel);
            throw new BadInputException("cannot lock run folder " + folder + ": " + IoErrors.reason(e));
        }
        if (lock == null) {
            String holder = holder(file);
            close(channel);
            throw new BadInputException("run folder " + folder + " is in use by another process" + holder
                    + "; wait for it to end (or stop it), or choose another folder");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // The id is a courtesy for the message above; the lock is what matters.
        }
        return new RunFolderLock(folder, channel, lock, created);
    }

    /** " (process 1234)" when the holder wrote its id, else "". */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Releases the lock. A folder this lock created that holds nothing else (a start that failed before
     * writing anything) is removed, so that a failed command leaves no trace.
     */
    @Override
    public void close() {
        try {
            if (created && onlyTheLockFileIn(folder)) {
                Files.deleteIfExists(folder.resolve(FILE));
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // best effort: an empty folder left behind is harmless
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // the channel's close below releases it too
            }
            close(channel);
        }
    }

    private static boolean onlyTheLockFileIn(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(FILE));
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that matters
        }
    }
}
