package org.longtail4j.doctor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.images.OpenCvDecoder;
import org.longtail4j.training.EngineSetup;
import org.longtail4j.training.MatrixKernels;

/**
 * What this machine gives a run (large-scale.md 7.2, docs/gpu.md): the engine and its version, the
 * libtorch flavor (cpu, cu128, ...), the native libraries actually loaded, the devices, the threads a run
 * would use, OMP_WAIT_POLICY, which kernels oneMKL may use, and whether OpenCV's JPEG decoder loads.
 * Usable means the engine loaded and computed a small product correctly on the CPU; a missing OpenCV only
 * slows image files down (javax.imageio decodes them instead).
 *
 * @param lines the findings in order, each a name and a one-line value (for people)
 * @param facts the same as values (for --json)
 * @param usable whether training can run here
 */
public record Diagnosis(Map<String, String> lines, Map<String, Object> facts, boolean usable) {

    /** Looks at this JVM's engine and libraries; loads the engine (and OpenCV) if nothing has yet. */
    public static Diagnosis examine() {
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        lines.put("java", java);
        facts.put("java", java);
        String problem = engine(lines, facts);
        boolean usable = problem == null;
        facts.put("omp_wait_policy", System.getenv("OMP_WAIT_POLICY"));
        lines.put("OMP_WAIT_POLICY", System.getenv("OMP_WAIT_POLICY") != null ? System.getenv("OMP_WAIT_POLICY")
                : "not set (libtorch's OpenMP threads spin while they wait; ./longtail sets PASSIVE)");
        matrixProducts(lines, facts);
        jpeg(lines, facts);
        lines.put("usable", usable ? "yes (the engine loaded and a 2 x 2 product on the CPU came out right)"
                : "no: " + problem);
        facts.put("usable", usable);
        return new Diagnosis(lines, facts, usable);
    }

    /** @return why training cannot run here, or null when it can */
    private static String engine(Map<String, String> lines, Map<String, Object> facts) {
        Engine engine;
        try {
            engine = Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            lines.put("engine", "does not load: " + e);
            facts.put("engine", null);
            facts.put("engine_error", e.toString());
            return "the engine does not load";
        }
        lines.put("engine", engine.getEngineName() + " " + engine.getVersion() + " (Deep Java Library "
                + Engine.getDjlVersion() + ")");
        facts.put("engine", engine.getEngineName());
        facts.put("engine_version", engine.getVersion());
        facts.put("djl_version", Engine.getDjlVersion());

        String[] flavor = flavor();
        lines.put("flavor", flavor[0] + " (" + flavor[1] + ")");
        facts.put("flavor", flavor[0]);

        String folder = LibUtils.getLibtorchPath();
        List<Path> loaded = loadedLibraries();
        List<String> torch = new ArrayList<>();
        String jni = null;
        for (Path library : loaded) {
            String name = library.getFileName().toString();
            if (name.endsWith("libdjl_torch.so")) {
                jni = library.toString();
            } else if (name.startsWith("libtorch") || name.startsWith("libc10")) {
                torch.add(name);
            }
        }
        lines.put("native library", folder + (torch.isEmpty() ? "" : " (loaded: " + String.join(", ", torch) + ")"));
        facts.put("native_library", folder);
        facts.put("native_libraries_loaded", torch);
        if (jni != null) {
            lines.put("jni library", jni);
        }
        facts.put("jni_library", jni);

        int gpus = engine.getGpuCount();
        List<String> devices = new ArrayList<>(List.of(Device.cpu().toString()));
        for (int i = 0; i < gpus; i++) {
            devices.add(Device.gpu(i).toString());
        }
        lines.put("devices", "cpu and " + gpus + " GPU" + (gpus == 1 ? "" : "s")
                + (gpus > 0 ? " (" + String.join(", ", devices.subList(1, devices.size())) + ")" : "")
                + "; CUDA " + (engine.hasCapability("CUDA") ? "available" : "not in this build or no driver"));
        facts.put("devices", devices);
        facts.put("gpus", gpus);

        // the threads a run uses when runtime.threads is 0 (one per core)
        EngineSetup.threads(new RunConfig.RuntimeConfig());
        int cores = Runtime.getRuntime().availableProcessors();
        lines.put("threads", JniUtils.getNumThreads() + " intra-op (runtime.threads 0: one per core, " + cores
                + " cores), " + JniUtils.getNumInteropThreads() + " inter-op");
        facts.put("threads", JniUtils.getNumThreads());
        facts.put("interop_threads", JniUtils.getNumInteropThreads());
        facts.put("cores", cores);
        return computes();
    }

    /** The flavor and where it was read: PYTORCH_FLAVOR (the GPU set-up) or the native jar on the class path. */
    private static String[] flavor() {
        String set = System.getenv("PYTORCH_FLAVOR") != null ? System.getenv("PYTORCH_FLAVOR")
                : System.getProperty("PYTORCH_FLAVOR");
        if (set != null) {
            return new String[] {set, "PYTORCH_FLAVOR"};
        }
        try {
            return new String[] {ai.djl.util.Platform.detectPlatform("pytorch").getFlavor(),
                "read from the pytorch-native jar on the class path"};
        } catch (RuntimeException e) {
            return new String[] {"unknown", "no PYTORCH_FLAVOR and no pytorch-native jar: " + e.getMessage()};
        }
    }

    /** The shared libraries of libtorch this process has mapped (Linux's /proc/self/maps; empty elsewhere). */
    private static List<Path> loadedLibraries() {
        Path maps = Path.of("/proc/self/maps");
        List<Path> out = new ArrayList<>();
        if (!Files.isReadable(maps)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                Path library = Path.of(line.substring(slash));
                String name = library.getFileName().toString();
                if ((name.contains("torch") || name.startsWith("libc10")) && name.contains(".so") && !out.contains(library)) {
                    out.add(library);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Which kernels oneMKL may use here ({@link MatrixKernels}). */
    private static void matrixProducts(Map<String, String> lines, Map<String, Object> facts) {
        facts.put("mkl_intel_cpu_shim", MatrixKernels.shimPreloaded());
        lines.put("matrix products", MatrixKernels.describe());
    }

    /** A 2 x 2 product on the CPU, checked against its value: the engine computes, not only loads. */
    private static String computes() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            float[] product = a.matMul(a).toFloatArray();
            return java.util.Arrays.equals(product, new float[] {7, 10, 15, 22}) ? null
                    : "[[1, 2], [3, 4]] squared gave " + java.util.Arrays.toString(product) + ", not [7, 10, 15, 22]";
        } catch (RuntimeException e) {
            return "a 2 x 2 product on the CPU failed: " + e;
        }
    }

    private static void jpeg(Map<String, String> lines, Map<String, Object> facts) {
        try {
            String name = OpenCvDecoder.load().name();
            lines.put("jpeg decoder", name + " loads");
            facts.put("jpeg_decoder", name);
            facts.put("opencv_loads", true);
        } catch (RuntimeException | LinkageError e) {
            lines.put("jpeg decoder", "javax.imageio: OpenCV's native library does not load here (" + e
                    + "); image files decode more slowly");
            facts.put("jpeg_decoder", "javax.imageio");
            facts.put("opencv_loads", false);
        }
    }
}
