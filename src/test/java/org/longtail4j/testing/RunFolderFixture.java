package org.longtail4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.reports.Json;

/**
 * Writes run folders as the toolkit lays them out (README "Run folders"), with figures chosen by the
 * test, so report code is tested on known numbers without training anything.
 */
public final class RunFolderFixture {

    public static final long[] COUNTS = {600, 300, 150, 70, 30, 12, 6};

    private RunFolderFixture() {}

    /**
     * A run with the given stages (in config order), each finished with top-1 {@code top1[i]}; 7 classes,
     * groups many {0,1}, medium {2,3,4}, few {5,6}; every epoch evaluated.
     */
    public static Path write(Path dir, String name, long seed, List<String> stages, double[] top1) throws IOException {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("name: " + name + "\nseed: " + seed + "\ndata:\n  dataset: fixture\n"
                + "  root: /somewhere/" + seed + "\n");
        for (String stage : stages) {
            config.append(stage).append(":\n  method: ce\n  epochs: 3\n");
        }
        Files.writeString(dir.resolve("config.yaml"), config.toString());
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("description", "fixture split, IR 100; images seed " + seed);
        split.put("train_size", 1168);
        split.put("test_size", 700);
        split.put("class_names", List.of("a", "b", "c", "d", "e", "f", "g"));
        split.put("class_counts", COUNTS);
        split.put("groups", groups());
        Json.write(dir.resolve("split.json"), split);
        for (int s = 0; s < stages.size(); s++) {
            Path folder = dir.resolve(stages.get(s));
            Files.createDirectories(folder);
            StringBuilder lines = new StringBuilder();
            for (int e = 1; e <= 3; e++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("stage", stages.get(s));
                line.put("epoch", e);
                line.put("lr", 0.1 / e);
                line.put("train_loss", 2.0 / e);
                line.put("seconds", 10.0);
                line.put("images_per_second", 100.0 + e);
                line.put("test", Map.of("top1", top1[s] - 3 + e, "top5", 90.0, "many", 80.0, "medium", 50.0,
                        "few", 10.0, "ece", 5.0));
                line.put("eval_seconds", 2.0);
                line.put("rss_mib", 1000.0 + e);
                lines.append(Json.line(line)).append('\n');
            }
            Files.writeString(folder.resolve("metrics.jsonl"), lines.toString());
            Json.write(folder.resolve("results.json"), results(stages.get(s), top1[s]));
        }
        Files.writeString(dir.resolve("results.json"), Files.readString(dir.resolve(stages.get(stages.size() - 1))
                .resolve("results.json")));
        return dir;
    }

    static Map<String, Object> groups() {
        Map<String, Object> groups = new LinkedHashMap<>();
        groups.put("rule", "fixture rule");
        groups.put("many", List.of(0, 1));
        groups.put("medium", List.of(2, 3, 4));
        groups.put("few", List.of(5, 6));
        return groups;
    }

    /** results.json of a stage: 100 test images per class; class c right on top1 - 5c images (clamped). */
    static Map<String, Object> results(String stage, double top1) {
        int c = COUNTS.length;
        int[][] confusion = new int[c][c];
        List<Double> perClass = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            int right = (int) Math.max(0, Math.min(100, Math.round(top1 + 15 - 5 * t)));
            confusion[t][t] = right;
            confusion[t][t == 0 ? 1 : 0] = 100 - right;
            perClass.add((double) right);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("stage", stage);
        r.put("method", "CE (" + stage + ")");
        r.put("epoch", 3);
        r.put("samples", 100 * c);
        r.put("top1", top1);
        r.put("top5", 90.0);
        r.put("many", top1 + 10);
        r.put("medium", top1);
        r.put("few", top1 - 10);
        r.put("ece", 5.0);
        r.put("per_class", perClass);
        r.put("confusion", confusion);
        r.put("split", groups());
        List<Map<String, Object>> bins = new ArrayList<>();
        for (int b = 0; b < 15; b++) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("lower", b / 15.0);
            bin.put("upper", (b + 1) / 15.0);
            bin.put("count", b < 5 ? 0 : 10);
            bin.put("accuracy", b < 5 ? null : 100.0 * b / 15);
            bin.put("confidence", b < 5 ? null : 100.0 * (b + 0.5) / 15);
            bins.add(bin);
        }
        r.put("reliability", bins);
        r.put("best", Map.of("epoch", 3, "top1", top1));
        return r;
    }
}
