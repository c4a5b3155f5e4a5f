package org.longtail4j.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.reports.Json;

/**
 * Re-runs the recipe's later stages once per value of one config key, all from one run of its first
 * stage (the paper's figure of accuracy against the fusion ratio p, or any other later-stage setting):
 *
 * <pre>
 * OUT/FIRST/             the first stage (FIRST is its name in the recipe), trained here unless a
 *                        stage-1 run is given
 * OUT/p-0.0/, OUT/p-0.1/ one run folder of the later stages per value (StageTwoVariants), named
 *                        KEYTAIL-VALUE
 * </pre>
 *
 * <p>Run again with the same arguments, a sweep continues: finished runs (results.json present) are
 * read back, a run that was cut off is resumed from its last checkpoint, and the rest are trained. A
 * folder whose saved config differs from what this sweep would run is an error, never silently reused.
 */
public final class ParameterSweep {

    private ParameterSweep() {}

    /**
     * A finished sweep.
     *
     * @param stage1Run the run folder every stage 2 started from
     * @param stage1 that run's stage-1 results.json, or null if it has none
     * @param runs each value's run folder, in value order
     * @param results each value's results.json (last epoch in full, best epoch under "best"), in value order
     */
    public record Result(SweepSpec spec, Path stage1Run, Map<String, Object> stage1, List<Path> runs,
            List<Map<String, Object>> results) {}

    /**
     * Runs the sweep.
     *
     * @param config the base config (file plus --set overrides); each value is applied on top
     * @param stage1Run a finished stage-1 run to start from, or null to train the first stage into OUT/FIRST
     * @param notes where remarks for the user go (reused folders, keys that stage 1 also depends on)
     */
    public static Result run(RunConfig config, SweepSpec spec, Path stage1Run, Path out, TrainingObserver observer,
            PrintStream notes) throws IOException {
        List<StageTwoVariants.Variant> variants = variants(config, spec);
        String key = spec.key();
        if (!key.startsWith("stages.") && !key.startsWith("eval.") && !key.startsWith("runtime.")) {
            notes.println("note: " + key + " is not a setting of a later stage: each value changes the later stages "
                    + "only; every value's later stages start from the same first-stage weights, trained with this "
                    + "config's " + key);
        }
        if (stage1Run == null) {
            stage1Run = out.resolve(config.firstStage());
            stageOne(config, stage1Run, observer, notes);
        } else {
            RecipeRunner.requireSameValidationSetting(config, stage1Run); // before anything trains
            compareWithStageOneRun(config, stage1Run, notes);
        }
        List<Path> runs = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (StageTwoVariants.Variant variant : variants) {
            Path dir = out.resolve(variant.key());
            ContinuedRuns.finish(StageTwoVariants.configFor(config, variant), dir, stage1Run, config.firstStage(),
                    observer, notes, variant.key());
            runs.add(dir);
            results.add(Json.readMap(dir.resolve("results.json")));
        }
        Path stageOneResults = stage1Run.resolve(config.firstStage()).resolve("results.json");
        Map<String, Object> stage1 = Files.isRegularFile(stageOneResults) ? Json.readMap(stageOneResults) : null;
        return new Result(spec, stage1Run, stage1, runs, results);
    }

    /**
     * One variant per value, each checked before anything trains: an unknown key or a value out of
     * range fails now, naming the key and the value, not after stage 1.
     */
    static List<StageTwoVariants.Variant> variants(RunConfig config, SweepSpec spec) {
        String key = spec.key();
        if (config.stages.size() < 2) {
            throw new BadInputException("--set-values " + key + ": a sweep re-runs the stages after the first from one "
                    + "first-stage run, but the recipe has " + config.stages.size() + " stage(s)");
        }
        if (key.startsWith("stages." + config.firstStage() + ".")) {
            throw new BadInputException("--set-values " + key + ": a sweep re-runs the later stages from one run of the "
                    + "first stage, so a key of the first stage would change nothing; train one run per value with "
                    + "'longtail train --set " + key + "=...' instead");
        }
        List<String> names = spec.folderNames();
        List<StageTwoVariants.Variant> variants = new ArrayList<>();
        for (int i = 0; i < spec.values().size(); i++) {
            StageTwoVariants.Variant variant = new StageTwoVariants.Variant(names.get(i), List.of(spec.override(i)));
            RunConfig c;
            try {
                c = StageTwoVariants.configFor(config, variant);
                StageComposer.check(c);
            } catch (BadInputException e) {
                throw new BadInputException("--set-values " + key + ", value " + spec.values().get(i) + ": "
                        + e.getMessage(), e);
            }
            if (c.stages.isEmpty()) {
                throw new BadInputException("--set-values " + spec.override(i) + ": no stage is left to re-run");
            }
            variants.add(variant);
        }
        return variants;
    }

    /** Trains stage 1 into {@code dir}, or reads it back / resumes it when an earlier sweep started it. */
    private static void stageOne(RunConfig config, Path dir, TrainingObserver observer, PrintStream notes)
            throws IOException {
        ContinuedRuns.finish(StageTwoVariants.stageOneConfig(config), dir, null, null, observer, notes, "stage 1");
    }

    /** A stage-1 run made with other data, model or seed settings makes a sweep that means something else. */
    private static void compareWithStageOneRun(RunConfig config, Path stage1Run, PrintStream notes) {
        Path saved = stage1Run.resolve("config.yaml");
        if (!Files.isRegularFile(saved)) {
            return;
        }
        RunConfig theirs = ConfigLoader.loadResolved(saved);
        ObjectNode a = ConfigLoader.yaml().valueToTree(theirs);
        ObjectNode b = ConfigLoader.yaml().valueToTree(ConfigLoader.asSaved(config));
        List<String> differ = new ArrayList<>();
        for (String section : List.of("seed", "data", "model")) {
            if (!a.path(section).equals(b.path(section))) {
                differ.add(section);
            }
        }
        if (!differ.isEmpty()) {
            notes.println("note: stage-1 run " + stage1Run + " was made with other " + String.join(", ", differ)
                    + " settings than this config; stage 2 uses this config's");
        }
    }
}
