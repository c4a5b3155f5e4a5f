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
import org.longtail4j.testing.MklShim;
import org.longtail4j.testing.ProductsChild;

/**
 * scripts/engine-env.sh preloads scripts/mkl-intel-cpu.c, which tells oneMKL the CPU is Intel's, on AMD
 * CPUs with AVX-512 only, and by default (LONGTAIL_MKL_INTEL_CPU=auto) only for a command that names a
 * torchvision-layout network (docs/performance.md section 10). On such a CPU, oneMKL's AVX-512 kernels
 * must give the products the tests' own process (AVX2 kernels, no shim) gives, up to summation order.
 */
class MklIntelCpuShimTest {

    private static final Path SHIM = Path.of("target/native/libmkl-intel-cpu.so").toAbsolutePath();

    @TempDir
    Path dir;

    /** LD_PRELOAD after sourcing engine-env.sh with {@code args} (the launcher's command line), {@code extra} set. */
    private static String preloadOf(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Shell shell = engineEnv(extra, args);
        assertEquals(0, shell.exit, shell.err);
        return shell.out;
    }

    private record Shell(int exit, String out, String err) {}

    private static Shell engineEnv(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; source scripts/engine-env.sh \"$@\"; printf %s \"${LD_PRELOAD:-}\"", "engine-env"));
        command.addAll(List.of(args));
        ProcessBuilder shell = new ProcessBuilder(command);
        shell.environment().remove("LD_PRELOAD");
        shell.environment().remove("LONGTAIL_MKL_INTEL_CPU");
        shell.environment().putAll(extra);
        Process p = shell.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Shell(p.exitValue(), out, err);
    }

    /** Whether engine-env.sh can have the library: built before, or a C compiler on the PATH to build it. */
    private static boolean buildable() {
        return Files.exists(SHIM) || java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "cc")));
    }

    @Test
    void preloadedForTorchvisionNetworksOnAmdCpusWithAvx512() throws Exception {
        // Without a C compiler the launcher says so in one line and preloads nothing.
        String shim = MklShim.amdWithAvx512() && buildable() ? SHIM.toString() : "";
        // auto: a torchvision-layout network named as a value, in a config, through its base: chain, or in a run folder
        assertEquals(shim, preloadOf(Map.of(), "train", "--config", "configs/imagenet-lt/resnet50-dr.yaml"));
        assertEquals(shim, preloadOf(Map.of(), "bench", "--arch", "tv-resnext50-32x4d"));
        assertEquals(shim, preloadOf(Map.of(), "train", "--config=configs/fashion-mnist-lt/demo.yaml", "--set",
                "model.arch=tv-resnet10"));
        Files.writeString(dir.resolve("trunk.yaml"), "name: trunk\nmodel: {arch: places-resnet152}\n");
        Files.createDirectories(dir.resolve("my configs"));
        Path child = Files.writeString(dir.resolve("my configs/child.yaml"), "base: \"../trunk.yaml\"\nname: child\n");
        assertEquals(shim, preloadOf(Map.of(), "train", "--config", child.toString()));
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.yaml"), "name: r\nmodel:\n  arch: tv-resnet50\n");
        assertEquals(shim, preloadOf(Map.of(), "predict", "--run", run.toString(), "photo.jpg"));
        // auto: the CIFAR-size networks, which have no 1x1 convolutions, keep the AVX2 kernels (and their figures)
        assertEquals("", preloadOf(Map.of(), "demo"));
        assertEquals("", preloadOf(Map.of(), "train", "--config", "configs/fashion-mnist-lt/demo.yaml"));
        assertEquals("", preloadOf(Map.of(), "train", "--config", "configs/cifar100-lt/ir100-ce.yaml"));
        // 1 and 0 decide whatever the command
        assertEquals(shim, preloadOf(Map.of("LONGTAIL_MKL_INTEL_CPU", "1"), "demo"));
        assertEquals("", preloadOf(Map.of("LONGTAIL_MKL_INTEL_CPU", "0"), "train", "--config",
                "configs/imagenet-lt/resnet50-dr.yaml"));
        Shell wrong = engineEnv(Map.of("LONGTAIL_MKL_INTEL_CPU", "yes"), "demo");
        assertEquals(2, wrong.exit);
        assertEquals("longtail: LONGTAIL_MKL_INTEL_CPU is 'yes'; expected auto, 1 or 0\n", wrong.err);
    }

    @Test
    void productsUnderTheShimEqualOnesWithout() throws Exception {
        if (preloadOf(Map.of("LONGTAIL_MKL_INTEL_CPU", "1")).isEmpty()) {
            // Not an AMD CPU with AVX-512 (or no compiler): the other test checked that nothing is preloaded.
            assertEquals(false, MklShim.amdWithAvx512() && buildable());
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
