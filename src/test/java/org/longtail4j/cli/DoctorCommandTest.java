package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.testing.CliRun;
import org.longtail4j.testing.MklShim;

/**
 * {@code longtail doctor} on this machine (CPU only, libtorch 2.7.1 from the pytorch-native-cpu jar): one
 * line per finding, each checked against what the engine and the file system say independently.
 */
class DoctorCommandTest {

    private static Map<String, String> lines(String out) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            int colon = line.indexOf(": ");
            assertTrue(colon > 0, "not a 'name: value' line: " + line);
            lines.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return lines;
    }

    @Test
    void printsOneLinePerFindingAndExitsZeroWhereTrainingRuns() {
        CliRun run = CliRun.of("doctor");
        assertEquals(0, run.exit(), run::toString);
        Map<String, String> lines = lines(run.out());
        assertEquals(List.of("java", "engine", "flavor", "native library", "jni library", "devices", "threads",
                "OMP_WAIT_POLICY", "matrix products", "jpeg decoder", "usable"), List.copyOf(lines.keySet()), run::toString);

        assertEquals("PyTorch 2.7.1 (Deep Java Library " + Engine.getDjlVersion() + ")", lines.get("engine"));
        assertTrue(lines.get("flavor").startsWith("cpu ("), lines.get("flavor"));
        // the folder DJL loaded libtorch from holds the libraries the line says are mapped into this process
        String nativeLine = lines.get("native library");
        Path folder = Path.of(nativeLine.substring(0, nativeLine.indexOf(" (loaded: ")));
        for (String library : nativeLine.substring(nativeLine.indexOf(" (loaded: ") + 10, nativeLine.length() - 1)
                .split(", ")) {
            assertTrue(Files.isRegularFile(folder.resolve(library)), folder.resolve(library) + " is not there");
        }
        assertTrue(nativeLine.contains("libtorch_cpu.so"), nativeLine);
        assertTrue(Files.isRegularFile(Path.of(lines.get("jni library"))), lines.get("jni library"));
        assertTrue(lines.get("jni library").endsWith("libdjl_torch.so"), lines.get("jni library"));

        assertTrue(lines.get("devices").startsWith("cpu and " + Engine.getInstance().getGpuCount() + " GPU"),
                lines.get("devices"));
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores + " intra-op (runtime.threads 0: one per core, " + cores + " cores), "
                + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads() + " inter-op", lines.get("threads"));
        String policy = System.getenv("OMP_WAIT_POLICY");
        assertTrue(policy == null ? lines.get("OMP_WAIT_POLICY").startsWith("not set")
                : lines.get("OMP_WAIT_POLICY").equals(policy), lines.get("OMP_WAIT_POLICY"));
        // The tests run without scripts/mkl-intel-cpu.c preloaded (./longtail preloads it on AMD CPUs with AVX-512).
        String products = lines.get("matrix products");
        assertTrue(MklShim.preloadedHere()
                ? products.endsWith("(scripts/mkl-intel-cpu.c is preloaded)")
                : MklShim.amdWithAvx512() ? products.startsWith("oneMKL's AVX2 kernels") : products.equals("oneMKL picks its kernels from the CPU"),
                products);
        // org.openpnp:opencv bundles its library for linux-x86_64, this machine
        assertTrue(lines.get("jpeg decoder").startsWith("opencv " + org.opencv.core.Core.VERSION)
                && lines.get("jpeg decoder").endsWith(" loads"), lines.get("jpeg decoder"));
        assertTrue(lines.get("usable").startsWith("yes"), lines.get("usable"));
    }

    @Test
    void jsonCarriesTheSameFacts() throws Exception {
        CliRun run = CliRun.of("doctor", "--json");
        assertEquals(0, run.exit(), run::toString);
        JsonNode facts = new ObjectMapper().readTree(run.out());
        assertEquals("PyTorch", facts.path("engine").asText());
        assertEquals("2.7.1", facts.path("engine_version").asText());
        assertEquals("cpu", facts.path("flavor").asText());
        assertTrue(Files.isDirectory(Path.of(facts.path("native_library").asText())), facts.toString());
        assertEquals(Engine.getInstance().getGpuCount(), facts.path("gpus").asInt());
        assertEquals("cpu()", facts.path("devices").get(0).asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), facts.path("threads").asInt());
        assertTrue(facts.path("opencv_loads").asBoolean(), facts.toString());
        assertTrue(facts.path("usable").asBoolean(), facts.toString());
        assertTrue(facts.has("omp_wait_policy"), "the key is there, null when the variable is not set");
        assertTrue(facts.path("mkl_intel_cpu_shim").isBoolean(), facts.toString());
    }
}
