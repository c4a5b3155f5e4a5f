package org.longtail4j.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counters of the whole process at one moment: CPU time in user and kernel mode and minor page faults
 * (from /proc/self/stat, all threads), and the JVM's garbage-collection count and time. Differences of
 * two snapshots tell what a block of steps cost besides wall time: spinning threads show as CPU time
 * above wall time x threads, a malloc that returns memory to the kernel as page faults and kernel time,
 * collection pauses as GC time.
 *
 * @param userSeconds CPU time in user mode, all threads
 * @param systemSeconds CPU time in the kernel, all threads
 * @param minorFaults page faults served without I/O (fresh pages handed out by the kernel)
 * @param gcCount collections, all collectors
 * @param gcSeconds time in collections as the JVM reports it
 * @param machineBusySeconds CPU time of the whole machine, all processes (from /proc/stat): what this
 *     process did not use of it is other processes' load, the noise of a shared machine
 */
public record ProcessCounters(double userSeconds, double systemSeconds, long minorFaults, long gcCount,
        double gcSeconds, double machineBusySeconds) {

    /** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux x86). */
    static final double TICKS_PER_SECOND = 100;

    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path MACHINE_STAT = Path.of("/proc/stat");

    /** Now; the /proc figures are 0 where /proc is unavailable. */
    public static ProcessCounters now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        long[] stat = {0, 0, 0};
        try {
            if (Files.isReadable(STAT)) {
                stat = parseStat(Files.readString(STAT));
            }
        } catch (IOException | IllegalArgumentException e) {
            // leave zeros: the counters are diagnostics, not the measurement
        }
        long machine = 0;
        try {
            if (Files.isReadable(MACHINE_STAT)) {
                machine = parseMachineBusy(Files.readString(MACHINE_STAT));
            }
        } catch (IOException | IllegalArgumentException e) {
            // as above
        }
        return new ProcessCounters(stat[1] / TICKS_PER_SECOND, stat[2] / TICKS_PER_SECOND, stat[0], count,
                millis / 1000.0, machine / TICKS_PER_SECOND);
    }

    /** Busy ticks of all CPUs from the first line of /proc/stat: everything but idle and iowait (guest is in user). */
    static long parseMachineBusy(String procStat) {
        String first = procStat.substring(0, procStat.indexOf('\n') < 0 ? procStat.length() : procStat.indexOf('\n'));
        String[] f = first.trim().split("\\s+");
        if (!"cpu".equals(f[0]) || f.length < 8) {
            throw new IllegalArgumentException("not a /proc/stat cpu line: " + first);
        }
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    /** This minus an earlier snapshot. */
    public ProcessCounters since(ProcessCounters earlier) {
        return new ProcessCounters(userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds,
                minorFaults - earlier.minorFaults, gcCount - earlier.gcCount, gcSeconds - earlier.gcSeconds,
                machineBusySeconds - earlier.machineBusySeconds);
    }

    public ProcessCounters plus(ProcessCounters other) {
        return new ProcessCounters(userSeconds + other.userSeconds, systemSeconds + other.systemSeconds,
                minorFaults + other.minorFaults, gcCount + other.gcCount, gcSeconds + other.gcSeconds,
                machineBusySeconds + other.machineBusySeconds);
    }

    public static ProcessCounters zero() {
        return new ProcessCounters(0, 0, 0, 0, 0, 0);
    }

    /**
     * minflt, utime and stime (in ticks) of a /proc/PID/stat line. The command name (field 2) is in
     * parentheses and may hold spaces, so fields are counted after its closing parenthesis.
     */
    static long[] parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line");
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state); minflt is field 10, utime 14, stime 15.
        return new long[] {Long.parseLong(f[7]), Long.parseLong(f[11]), Long.parseLong(f[12])};
    }
}
