package org.longtail4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.reports.Json;

/** The --json object other tools read: one line, the headline keys at the top level. */
class BenchReportTest {

    static BenchReport sample(boolean stage2) {
        Summary engine = Summary.of(400, 420, 410);
        Summary loop = Summary.of(380, 400, 390);
        Summary ratio = Summary.of(0.95, 0.96, 0.94);
        Summary s2 = stage2 ? Summary.of(600, 610, 620) : null;
        Summary s2ratio = stage2 ? Summary.of(0.66, 0.67, 0.68) : null;
        Summary ms = Summary.of(300, 310, 320);
        return new BenchReport("2026-11-24T03:00:00Z",
                new BenchReport.Setup("resnet32", 128, "synthetic", 1408, 3, 32, 100, 2, 2, 5, 3, 8, 2,
                        stage2 ? 0.25 : 0, "fp32", "channels-last"),
                engine.median(), loop.median(), ratio.median(), stage2 ? s2ratio.median() : null,
                stage2 ? s2.median() : null, engine, loop, s2, ratio, s2ratio, ms, ms, stage2 ? ms : null, 200, 900,
                Map.of("engine", BenchReport.Costs.of(24, 7.5, new ProcessCounters(12, 0.5, 2400, 3, 0.03, 14))),
                new BenchReport.Platform("PyTorch 2.7.1", 2, "OpenJDK 17", List.of("-Xmx1g"),
                        Map.of("OMP_WAIT_POLICY", "PASSIVE")));
    }

    @Test
    void jsonIsOneObjectOnOneLineWithTheHeadlineKeys() throws Exception {
        String line = Json.line(sample(true));
        assertFalse(line.contains("\n"));
        JsonNode root = Json.mapper().readTree(line);
        assertTrue(root.isObject());
        assertEquals(410, root.get("engine_images_per_second").asDouble(), 1e-9);
        assertEquals(390, root.get("loop_images_per_second").asDouble(), 1e-9);
        assertEquals(0.95, root.get("loop_over_engine").asDouble(), 1e-9);
        assertEquals(0.67, root.get("stage2_over_stage1").asDouble(), 1e-9);
        JsonNode engine = root.get("engine");
        for (String key : List.of("n", "median", "min", "max", "q1", "q3", "relative_spread")) {
            assertTrue(engine.has(key), key);
        }
        assertEquals(128, root.get("setup").get("batch").asInt());
        JsonNode costs = root.get("costs").get("engine");
        assertEquals(312.5, costs.get("wall_ms_per_step").asDouble(), 1e-9);
        assertEquals(500, costs.get("user_ms_per_step").asDouble(), 1e-9);
        assertEquals(12.5 / 7.5, costs.get("cpu_over_wall").asDouble(), 1e-9);
        assertEquals(100, costs.get("minor_faults_per_step").asDouble(), 1e-9);
        assertEquals(1.5 / 7.5, costs.get("other_processes_cpu_over_wall").asDouble(), 1e-9);
        assertEquals("PASSIVE", root.get("platform").get("environment").get("OMP_WAIT_POLICY").asText());
    }

    @Test
    void withoutStage2TheRatioIsNull() throws Exception {
        JsonNode root = Json.mapper().readTree(Json.line(sample(false)));
        assertTrue(root.get("stage2_over_stage1").isNull());
        assertTrue(root.has("engine_images_per_second"));
    }

    @Test
    void textNamesEveryFigure() {
        String text = sample(true).text();
        assertTrue(text.contains("engine step"));
        assertTrue(text.contains("training loop"));
        assertTrue(text.contains("loop / engine"));
        assertTrue(text.contains("stage2 / stage1"));
    }

    @Test
    void performanceVariablesAreRecognised() {
        assertTrue(TrainingBench.isPerformanceVariable("OMP_NUM_THREADS"));
        assertTrue(TrainingBench.isPerformanceVariable("GOMP_SPINCOUNT"));
        assertFalse(TrainingBench.isPerformanceVariable("HOME"));
    }
}
