package org.longtail4j.runfolder;

import java.nio.file.Path;

/**
 * A second process for {@link RunFolderLockTest}: locks the run folder given as its argument, says
 * "locked" on standard output, and holds the lock until it is killed.
 */
public final class HoldRunFolderLock {

    private HoldRunFolderLock() {}

    public static void main(String[] args) throws InterruptedException {
        RunFolderLock lock = RunFolderLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        lock.close();
    }
}
