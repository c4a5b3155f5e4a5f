package org.longtail4j.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;

/**
 * Several stage-2 runs from one stage-1 run: the demo's DR and DR + H2T rows, and the fusion-ratio
 * sweep. Stage 1 is the expensive part and is trained once; each variant is a run folder of its own
 * under the output folder, started from the stage-1 run's last checkpoint.
 */
public final class StageTwoVariants {

    private StageTwoVariants() {}

    /** One variant: its folder name and the overrides (key=value) that make it. */
    public record Variant(String key, List<String> overrides) {}

    /** Trains stage 1 alone (stage 2 switched off) into {@code dir}. */
    public static RecipeRunner.Outcome trainStageOne(RunConfig config, Path dir, TrainingObserver observer)
            throws IOException {
        return RecipeRunner.start(stageOneConfig(config), dir, null, observer);
    }

    /** {@code config} with stage 2 switched off: what the shared stage-1 run trains. */
    public static RunConfig stageOneConfig(RunConfig config) {
        return ConfigLoader.withOverride(config, "stage2.method=none");
    }

    /** Runs each variant's stage 2 from {@code stage1Run} into {@code outDir/variant.key}. */
    public static Map<String, RecipeRunner.Outcome> run(RunConfig config, Path stage1Run, Path outDir,
            List<Variant> variants, TrainingObserver observer) throws IOException {
        Map<String, RecipeRunner.Outcome> outcomes = new LinkedHashMap<>();
        for (Variant variant : variants) {
            outcomes.put(variant.key(), RecipeRunner.start(configFor(config, variant), outDir.resolve(variant.key()),
                    stage1Run, observer));
        }
        return outcomes;
    }

    /** The stage-2-only config a variant runs with (what its run folder's config.yaml will hold). */
    public static RunConfig configFor(RunConfig config, Variant variant) {
        RunConfig c = ConfigLoader.withOverride(config, "stage1.method=none");
        for (String override : variant.overrides()) {
            c = ConfigLoader.withOverride(c, override);
        }
        c.name = config.name + "-" + variant.key();
        return c;
    }
}
