package org.longtail4j.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.longtail4j.BadInputException;

/**
 * A finished (or unfinished) run folder as the reports read it: only its files, never the training
 * code, so a report can be rebuilt for any run folder, old or new (README "Run folders").
 *
 * <pre>
 * RUN/config.yaml   RUN/split.json   RUN/results.json (optional "stages": their order)
 * RUN/STAGE/metrics.jsonl (one line per epoch)   RUN/STAGE/results.json (absent while unfinished)
 * </pre>
 *
 * A stage is any sub-folder holding metrics.jsonl or, for a post-hoc stage of 0 epochs (tau-norm, post-hoc
 * logit adjustment), which trains no epoch and so writes no metrics, results.json; whatever its name.
 *
 * @param dir the folder
 * @param configText config.yaml as written
 * @param config config.yaml parsed
 * @param split split.json (missing node if absent)
 * @param results RUN/results.json (missing node if absent)
 * @param stages the stages in {@link StageOrder} order
 */
public record RunFolder(Path dir, String configText, JsonNode config, JsonNode split, JsonNode results,
        List<Stage> stages) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One stage of the run.
     *
     * @param name the folder name, e.g. stage2
     * @param epochs metrics.jsonl, one node per epoch in file order
     * @param results the stage's results.json, or a missing node while the stage is unfinished
     */
    public record Stage(String name, List<JsonNode> epochs, JsonNode results) {

        /** Whether the stage wrote its results (finished). */
        public boolean finished() {
            return !results.isMissingNode();
        }

        /** Which set chose the stage's best epoch, as results.json records it; older runs chose on the test set. */
        public String bestChosenOn() {
            return bestChosenOn(results);
        }

        /** {@link #bestChosenOn()} of any results.json (a stage's or a run's). */
        public static String bestChosenOn(JsonNode results) {
            return results.path("best_chosen_on").asText(org.longtail4j.evaluation.ChosenOn.OLDER_RUN);
        }
    }

    /**
     * Reads a run folder.
     *
     * @throws BadInputException naming the folder or file when it is not a run folder or a file is not
     *     what the toolkit writes
     */
    public static RunFolder read(Path dir) {
        Path configFile = dir.resolve("config.yaml");
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("run folder " + dir + " does not exist (or is not a folder)");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException(dir + " is not a run folder: it has no config.yaml");
        }
        String configText = text(configFile);
        JsonNode config;
        try {
            config = YAML.readTree(configText);
        } catch (JsonProcessingException e) {
            throw new BadInputException("file " + configFile + " is not YAML: " + e.getOriginalMessage());
        }
        JsonNode results = optionalJson(dir.resolve("results.json"));
        List<String> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isRegularFile(child.resolve("metrics.jsonl"))
                        || Files.isRegularFile(child.resolve("results.json"))) {
                    found.add(child.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list run folder " + dir + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new BadInputException(dir + " holds no stage yet: no sub-folder with a metrics.jsonl or results.json");
        }
        List<String> listed = null;
        if (results.path("stages").isArray()) {
            listed = new ArrayList<>();
            for (JsonNode name : results.get("stages")) {
                listed.add(name.asText());
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (String name : StageOrder.order(found, listed, configText)) {
            Path folder = dir.resolve(name);
            Path metrics = folder.resolve("metrics.jsonl");
            stages.add(new Stage(name, Files.isRegularFile(metrics) ? jsonLines(metrics) : List.of(),
                    optionalJson(folder.resolve("results.json"))));
        }
        return new RunFolder(dir, configText, config, optionalJson(dir.resolve("split.json")), results, stages);
    }

    /** The run's name (config key {@code name}), or the folder's name. */
    public String name() {
        String name = config.path("name").asText("");
        return name.isEmpty() ? String.valueOf(dir.toAbsolutePath().normalize().getFileName()) : name;
    }

    /** The run's seed (config key {@code seed}), or null when the config has none. */
    public Long seed() {
        JsonNode seed = config.path("seed");
        return seed.canConvertToLong() ? seed.asLong() : null;
    }

    /** The config's {@code tuned} notes as "KEY: how it was chosen", in the config's order; empty when none. */
    public List<String> tuned() {
        List<String> notes = new java.util.ArrayList<>();
        config.path("tuned").fields().forEachRemaining(e -> notes.add(e.getKey() + ": " + e.getValue().asText()));
        return notes;
    }

    /** The last stage that wrote results.json, or null when none has. */
    public Stage finalStage() {
        Stage last = null;
        for (Stage s : stages) {
            if (s.finished()) {
                last = s;
            }
        }
        return last;
    }

    /** Training images per class, indexed by label, from split.json (empty when absent). */
    public long[] classCounts() {
        JsonNode counts = split.path("class_counts");
        long[] out = new long[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i).asLong();
        }
        return out;
    }

    /** The class names from split.json, or "class N" labels when it has none. */
    public List<String> classNames(int numClasses) {
        List<String> names = new ArrayList<>();
        JsonNode given = split.path("class_names");
        for (int c = 0; c < numClasses; c++) {
            names.add(given.has(c) ? given.get(c).asText() : "class " + c);
        }
        return names;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode optionalJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(text(file));
        } catch (JsonProcessingException e) {
            throw new BadInputException("file " + file + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        int number = 0;
        for (String line : text(file).split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(Json.mapper().readTree(line));
            } catch (JsonProcessingException e) {
                throw new BadInputException("file " + file + " line " + number + " is not a JSON object: "
                        + e.getOriginalMessage());
            }
        }
        return lines;
    }
}
