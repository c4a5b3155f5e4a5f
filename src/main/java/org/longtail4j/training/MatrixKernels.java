package org.longtail4j.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which kernels oneMKL, which runs libtorch's matrix products, may use in this process. It takes AVX-512
 * only on Intel's CPUs unless scripts/mkl-intel-cpu.c is preloaded, as ./longtail does on AMD CPUs with
 * AVX-512 for commands on torchvision-layout networks (docs/performance.md section 10). The two kernels
 * round differently, and SGD carries a last-bit difference into other figures of the same seed, so a run
 * records which it had ({@link #record}) and doctor prints it.
 */
public final class MatrixKernels {

    private MatrixKernels() {}

    /** Whether this process has scripts/mkl-intel-cpu.c mapped (Linux's /proc/self/maps). */
    public static boolean shimPreloaded() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("/libmkl-intel-cpu.so");
        } catch (IOException e) {
            return false;
        }
    }

    /** An AMD CPU with AVX-512 (Linux's /proc/cpuinfo; false where there is none). */
    public static boolean amdWithAvx512() {
        try {
            List<String> cpu = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return cpu.stream().anyMatch(l -> l.startsWith("vendor_id") && l.contains("AuthenticAMD"))
                    && cpu.stream().anyMatch(l -> l.startsWith("flags") && (l + " ").contains(" avx512f "));
        } catch (IOException e) {
            return false;
        }
    }

    /** One line for people: what oneMKL may use here and why. */
    public static String describe() {
        if (shimPreloaded()) {
            return "oneMKL picks its kernels from the CPU's flags (scripts/mkl-intel-cpu.c is preloaded)";
        }
        return amdWithAvx512() ? "oneMKL's AVX2 kernels: it uses this AMD CPU's AVX-512 only when"
                + " scripts/mkl-intel-cpu.c is preloaded, as ./longtail does for torchvision-layout networks"
                + " (docs/performance.md section 10)"
                : "oneMKL picks its kernels from the CPU";
    }

    /** The engine facts a run's figures depend on, for its results.json. */
    public static Map<String, Object> record() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        out.put("threads", JniUtils.getNumThreads());
        out.put("mkl_intel_cpu_shim", shimPreloaded());
        out.put("amd_avx512", amdWithAvx512());
        return out;
    }
}
