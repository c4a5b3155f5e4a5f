package org.longtail4j.training;

import java.util.List;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;

/**
 * Several runs of a recipe's later stages from one run of its first stage: the demo's DR and DR + H2T
 * rows, the fusion-ratio sweep, a table's rows that share a first stage. The first stage is the
 * expensive part and is trained once; each variant is a run folder of its own, started from that
 * stage's last checkpoint ({@link ContinuedRuns#finish} starts, continues or reads back each).
 */
public final class StageTwoVariants {

    private StageTwoVariants() {}

    /** One variant: its folder name and the overrides (key=value) that make it. */
    public record Variant(String key, List<String> overrides) {}

    /** {@code config} with only its first stage: what the shared stage-1 run trains. */
    public static RunConfig stageOneConfig(RunConfig config) {
        RunConfig c = config;
        for (String stage : List.copyOf(config.stages.keySet()).subList(1, config.stages.size())) {
            c = withoutStage(c, stage);
        }
        return c;
    }

    /** {@code config} without its first stage: what runs from another run's first stage (--stage1-run). */
    public static RunConfig laterStagesConfig(RunConfig config) {
        return withoutStage(config, config.firstStage());
    }

    /** {@code config} without {@code stage}, and without the {@code tuned} notes on that stage's keys. */
    private static RunConfig withoutStage(RunConfig config, String stage) {
        RunConfig c = ConfigLoader.withOverride(config, "stages." + stage + "=null");
        c.tuned.keySet().removeIf(key -> key.startsWith("stages." + stage + "."));
        return c;
    }

    /** The later-stages-only config a variant runs with (what its run folder's config.yaml will hold). */
    public static RunConfig configFor(RunConfig config, Variant variant) {
        RunConfig c = laterStagesConfig(config);
        for (String override : variant.overrides()) {
            c = ConfigLoader.withOverride(c, override);
        }
        c.name = config.name + "-" + variant.key();
        return c;
    }
}
