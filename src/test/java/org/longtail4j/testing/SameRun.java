package org.longtail4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two run folders hold the same run: checkpoints bit for bit, results.json byte for byte, metrics
 * lines apart from the process's time and memory figures, and nothing half-written.
 */
public final class SameRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SameRun() {}

    /** {@code actual} (interrupted and resumed) holds exactly what {@code expected} (uninterrupted) does. */
    public static void assertSameRun(Path expected, Path actual, List<String> stages) throws IOException {
        for (String stage : stages) {
            for (String which : List.of("last", "best")) {
                Path e = expected.resolve(stage).resolve("checkpoints").resolve(which);
                Path a = actual.resolve(stage).resolve("checkpoints").resolve(which);
                for (String file : List.of("model.params", "optimizer.ndlist", "progress.json")) {
                    assertArrayEquals(Files.readAllBytes(e.resolve(file)), Files.readAllBytes(a.resolve(file)),
                            stage + " " + which + " " + file + " differs from the uninterrupted run's");
                }
            }
            assertEquals(Files.readString(expected.resolve(stage).resolve("results.json")),
                    Files.readString(actual.resolve(stage).resolve("results.json")), stage + " results.json");
            assertEquals(metricsWithoutTimings(expected.resolve(stage)), metricsWithoutTimings(actual.resolve(stage)),
                    stage + " metrics.jsonl");
        }
        assertEquals(Files.readString(expected.resolve("results.json")), Files.readString(actual.resolve("results.json")));
        assertEquals(Files.readString(expected.resolve("config.yaml")), Files.readString(actual.resolve("config.yaml")));
        assertNoHalfWrittenFiles(actual);
    }

    /** The metrics lines without the measurements of the process (time, memory), which differ from run to run. */
    public static List<String> metricsWithoutTimings(Path stage) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stage.resolve("metrics.jsonl"))) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove("seconds");
            node.remove("images_per_second");
            node.remove("rss_mib");
            node.remove("eval_seconds");
            lines.add(node.toString());
        }
        return lines;
    }

    /** No .new, .old or .tmp file or folder left anywhere in {@code run}. */
    public static void assertNoHalfWrittenFiles(Path run) throws IOException {
        try (Stream<Path> paths = Files.walk(run)) {
            for (Path p : paths.toList()) {
                String name = p.getFileName().toString();
                assertFalse(name.endsWith(".new") || name.endsWith(".old") || name.endsWith(".tmp"),
                        () -> "half-written " + p);
            }
        }
    }
}
