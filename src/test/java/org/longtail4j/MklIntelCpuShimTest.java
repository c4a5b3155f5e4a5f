package org.longtail4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.ProductsChild;

/**
 * scripts/engine-env.sh preloads scripts/mkl-intel-cpu.c, which tells oneMKL the CPU is Intel's, on AMD
 * CPUs with AVX-512 only (docs/performance.md section 10). On such a CPU, oneMKL's AVX-512 kernels must
 * give the products the tests' own process (AVX2 kernels, no shim) gives, up to summation order; on any
 * other CPU, or with LONGTAIL_MKL_INTEL_CPU=0, nothing is preloaded.
 */
class MklIntelCpuShimTest {

    private static final Path SHIM = Path.of("target/native/libmkl-intel-cpu.so").toAbsolutePath();

    @TempDir
    Path dir;

    /** LD_PRELOAD after sourcing engine-env.sh in a shell started with {@code extra} in its environment. */
    private static String preloadOfEngineEnv(Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; source scripts/engine-env.sh; printf %s \"${LD_PRELOAD:-}\"");
        shell.environment().remove("LD_PRELOAD");
        shell.environment().remove("LONGTAIL_MKL_INTEL_CPU");
        shell.environment().putAll(extra);
        Process p = shell.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return out;
    }

    private static boolean amdWithAvx512() throws IOException {
        List<String> cpu = Files.readAllLines(Path.of("/proc/cpuinfo"));
        boolean amd = cpu.stream().anyMatch(l -> l.startsWith("vendor_id") && l.contains("AuthenticAMD"));
        boolean avx512 = cpu.stream().anyMatch(l -> l.startsWith("flags") && l.contains(" avx512f"));
        return amd && avx512;
    }

    @Test
    void preloadedExactlyOnAmdCpusWithAvx512() throws Exception {
        String preload = preloadOfEngineEnv(Map.of());
        assertEquals(amdWithAvx512() ? SHIM.toString() : "", preload);
        assertEquals("", preloadOfEngineEnv(Map.of("LONGTAIL_MKL_INTEL_CPU", "0")));
    }

    @Test
    void productsUnderTheShimEqualOnesWithout() throws Exception {
        if (preloadOfEngineEnv(Map.of()).isEmpty()) {
            // Not an AMD CPU with AVX-512: the other test checked that nothing is preloaded; nothing to compare.
            assertEquals(false, amdWithAvx512());
            return;
        }
        Path out = dir.resolve("products.bin");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ProductsChild.class.getName(),
                out.toString());
        child.environment().put("LD_PRELOAD", SHIM.toString());
        Process p = child.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(said.contains("shim mapped: true"), said);

        float[][] without = ProductsChild.products();
        int[] depths = ProductsChild.depths();
        FloatBuffer with = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        // Each entry sums `depth` products of unit normals: its spread is sqrt(depth), and two kernels that
        // differ in summation order only differ by about depth x 6e-8 (float rounding), a few 1e-6 of that
        // spread. A wrong kernel would be off by the order of the spread itself.
        double worst = 0;
        for (int part = 0; part < without.length; part++) {
            double spread = Math.sqrt(depths[part]);
            for (float expected : without[part]) {
                worst = Math.max(worst, Math.abs(with.get() - expected) / spread);
            }
        }
        assertEquals(0, with.remaining());
        assertTrue(worst < 1e-4, "largest difference over the spread: " + worst);
    }
}
