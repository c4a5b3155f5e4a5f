package org.longtail4j.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process (VmRSS from /proc/self/status): Java heap, the JVM itself and,
 * what matters for a leak hunt, every native tensor libtorch holds.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Resident set size in bytes, or -1 where /proc is not available (not Linux). */
    public static long residentBytes() {
        try {
            return Files.isReadable(STATUS) ? parseVmRss(Files.readString(STATUS)) : -1;
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Resident set size in MiB (1 decimal is plenty), or -1 when unknown. */
    public static double residentMiB() {
        long bytes = residentBytes();
        return bytes < 0 ? -1 : Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }

    /** The VmRSS line of a /proc/PID/status text ("VmRSS:   123456 kB"), in bytes. */
    static long parseVmRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                if (parts.length < 2 || !parts[1].equalsIgnoreCase("kB")) {
                    throw new IllegalArgumentException("unexpected VmRSS unit in: " + line);
                }
                return value * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }
}
