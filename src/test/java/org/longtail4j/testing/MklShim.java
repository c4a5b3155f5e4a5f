package org.longtail4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the tests expect of scripts/mkl-intel-cpu.c (docs/performance.md section 10), read from the
 * machine and the environment here rather than from the toolkit's own MatrixKernels.
 */
public final class MklShim {

    private MklShim() {}

    /** An AMD CPU whose flags include avx512f (/proc/cpuinfo): where engine-env.sh may preload the shim. */
    public static boolean amdWithAvx512() {
        try {
            List<String> cpu = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return cpu.stream().anyMatch(l -> l.startsWith("vendor_id") && l.contains("AuthenticAMD"))
                    && cpu.stream().anyMatch(l -> l.startsWith("flags") && l.matches(".*\\bavx512f\\b.*"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this test JVM was started with the shim in LD_PRELOAD (surefire does not put it there). */
    public static boolean preloadedHere() {
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("libmkl-intel-cpu.so");
    }
}
