package org.longtail4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.data.sampling.Sampler;
import org.longtail4j.data.sampling.SamplerContext;
import org.longtail4j.data.sampling.SamplerRegistry;
import org.longtail4j.losses.Loss;
import org.longtail4j.losses.LossRegistry;
import org.longtail4j.mixing.BatchMixing;
import org.longtail4j.mixing.MixingRegistry;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.PartRegistry;
import org.longtail4j.parts.RandomStreams;

/**
 * Builds a stage's method from its config: the preset the stage names supplies every part the stage
 * leaves out, each part is bound by its registry (unknown settings rejected with the key named), and
 * the resolved parts, with every setting, are written back into the stage's config, so the run's
 * config.yaml records exactly what ran.
 */
public final class StageComposer {

    private static final String NONE = "none";

    private StageComposer() {}

    /**
     * @param stageKey the stage's config key ("stage1"), for messages and random streams
     * @param config the stage's config; its part fields are replaced by their resolved form
     * @param labels the label of each training position
     * @param classes class statistics of the training set
     * @param seed the run's seed
     */
    public static ComposedStage compose(String stageKey, StageConfig config, int[] labels, ClassStatistics classes,
            long seed) {
        Bound bound = bind(stageKey, config);
        String key = "stages." + stageKey + ".";
        PartContext context = new PartContext(key, classes, new RandomStreams(seed, stageKey), config.epochs);
        List<StageEdit> edits = new ArrayList<>();
        bound.edits().forEach((name, edit) -> edits.add(edit.create(withKey(context, key + "edits." + name))));
        BatchMixing mixing = bound.mixing() == null ? null : bound.mixing().create(withKey(context, key + "mixing"));
        FeatureTransform transform = bound.transform() == null ? null
                : bound.transform().create(withKey(context, key + "transform"));
        PartContext samplerContext = withKey(context, key + "sampler");
        ComposedStage.Parts parts = new ComposedStage.Parts(
                bound.sampler().create(samplerContext).create(
                        new SamplerContext(samplerContext, labels, "primary", config.batchSize)),
                mixing,
                streams(mixing == null ? List.of() : mixing.extraStreams(), key + "mixing", "mixing", labels,
                        config.batchSize, context),
                transform,
                streams(transform == null ? List.of() : transform.extraStreams(), key + "transform", "transform",
                        labels, config.batchSize, context),
                bound.loss().create(withKey(context, key + "loss")),
                edits,
                bound.prediction().create(withKey(context, key + "prediction")));

        writeBack(config, bound);
        return new ComposedStage(parts, classes, config.epochs, describe(config.method, parts));
    }

    /** Every stage's parts bound and checked, before any data are read (a mistake costs no waiting). */
    public static void check(RunConfig config) {
        for (Map.Entry<String, StageConfig> stage : config.stages.entrySet()) {
            checkBbn(stage.getKey(), bind(stage.getKey(), stage.getValue()), config.model);
        }
    }

    /**
     * BBN's parts work only together: the {@code bilateral} mixing gives one batch per branch and alpha,
     * which only the {@code bbn} loss reads (it weights the two branches' logits by alpha), and both need
     * BBN's two-branch model. Any other pairing would train without error and mean nothing: with mixup, say,
     * the bbn loss would take mixup's lambda for alpha.
     */
    private static void checkBbn(String stageKey, Bound bound, RunConfig.ModelConfig model) {
        String key = "stages." + stageKey + ".";
        String loss = bound.loss().entry().name();
        String mixing = bound.mixing() == null ? NONE : bound.mixing().entry().name();
        boolean bbnLoss = loss.equals("bbn");
        boolean bilateral = mixing.equals("bilateral");
        if (bbnLoss && !bilateral) {
            throw new BadInputException("config keys '" + key + "loss' and '" + key + "mixing': the bbn loss weights "
                    + "BBN's two branches by the alpha of the bilateral mixing, so it needs mixing: bilateral (got "
                    + "mixing: " + mixing + ")");
        }
        if (bilateral && !bbnLoss) {
            throw new BadInputException("config keys '" + key + "mixing' and '" + key + "loss': the bilateral "
                    + "mixing's two batches and alpha are read only by the bbn loss, so it needs loss: bbn (got loss: "
                    + loss + ")");
        }
        if (bbnLoss && !(model.arch.startsWith("bbn-") && model.head.equals("bbn"))) {
            throw new BadInputException("config keys 'model.arch' and 'model.head': " + key.substring(0, key.length() - 1)
                    + " trains BBN (loss bbn, mixing bilateral), which needs model.arch bbn-resnet<depth> with "
                    + "model.head bbn (got arch " + model.arch + ", head " + model.head + ")");
        }
    }

    /**
     * Binds every stage's parts and writes them back resolved (every part with its type and all its
     * settings), as a run's config.yaml records them: two configs that run the same recipe resolve to
     * the same text.
     */
    public static RunConfig resolve(RunConfig config) {
        for (Map.Entry<String, StageConfig> stage : config.stages.entrySet()) {
            writeBack(stage.getValue(), bind(stage.getKey(), stage.getValue()));
        }
        return config;
    }

    private static void writeBack(StageConfig config, Bound bound) {
        config.sampler = bound.sampler().resolved();
        config.mixing = bound.mixing() == null ? NONE : bound.mixing().resolved();
        config.transform = bound.transform() == null ? NONE : bound.transform().resolved();
        config.loss = bound.loss().resolved();
        config.prediction = bound.prediction().resolved();
        Map<String, Object> edits = new LinkedHashMap<>();
        bound.edits().forEach((name, edit) -> {
            Map<String, Object> settings = new LinkedHashMap<>(edit.resolved());
            settings.remove("type");
            edits.put(name, settings);
        });
        config.edits = edits;
    }

    /** A stage's parts, bound by their registries but not yet built. */
    private record Bound(
            PartRegistry.Bound<SamplerRegistry.Factory> sampler,
            PartRegistry.Bound<BatchMixing> mixing,
            PartRegistry.Bound<FeatureTransform> transform,
            PartRegistry.Bound<Loss> loss,
            PartRegistry.Bound<Prediction> prediction,
            Map<String, PartRegistry.Bound<StageEdit>> edits) {}

    private static Bound bind(String stageKey, StageConfig config) {
        String key = "stages." + stageKey + ".";
        MethodPresets.Preset preset = MethodPresets.get(key + "method", config.method);
        Map<String, Object> base = preset.parts();
        Object mixingSpec = overPreset(config.mixing, base.get("mixing"));
        Object transformSpec = overPreset(config.transform, base.get("transform"));
        Map<String, PartRegistry.Bound<StageEdit>> edits = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : editsOverPreset(config.edits, base.get("edits")).entrySet()) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("type", e.getKey());
            if (e.getValue() instanceof Map<?, ?> settings) {
                settings.forEach((k, v) -> spec.put(String.valueOf(k), v));
            } else if (e.getValue() != null) {
                throw new BadInputException("config key '" + key + "edits." + e.getKey() + "' is " + e.getValue()
                        + ", expected a mapping of the edit's settings ({} for none)");
            }
            edits.put(e.getKey(), StageEdits.EDITS.bind(key + "edits." + e.getKey(), spec));
        }
        if (!isNone(transformSpec) && !edits.containsKey("freeze-backbone")) {
            throw new BadInputException("config key '" + key + "transform' is " + transformSpec
                    + ", which works between a frozen backbone and the head: add edits: {freeze-backbone: {}} to "
                    + "stages." + stageKey + " or drop the transform");
        }
        return new Bound(
                SamplerRegistry.SAMPLERS.bind(key + "sampler", overPreset(config.sampler, base.get("sampler"))),
                isNone(mixingSpec) ? null : MixingRegistry.MIXINGS.bind(key + "mixing", mixingSpec),
                isNone(transformSpec) ? null : FeatureTransforms.TRANSFORMS.bind(key + "transform", transformSpec),
                LossRegistry.LOSSES.bind(key + "loss", overPreset(config.loss, base.get("loss"))),
                Predictions.PREDICTIONS.bind(key + "prediction", overPreset(config.prediction, base.get("prediction"))),
                edits);
    }

    /** The samplers of a part's extra streams, each keyed by the part and its position. */
    private static List<Sampler> streams(List<Object> specs, String key, String purpose, int[] labels, int batchSize,
            PartContext context) {
        List<Sampler> samplers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            PartContext part = withKey(context, key + ".stream" + i);
            samplers.add(SamplerRegistry.create(specs.get(i), new SamplerContext(part, labels, purpose + i, batchSize)));
        }
        return samplers;
    }

    private static String describe(String method, ComposedStage.Parts parts) {
        List<String> pieces = new ArrayList<>();
        if (parts.mixing() != null) {
            pieces.add(parts.mixing().describe());
        }
        if (parts.transform() != null) {
            pieces.add(parts.transform().describe());
        }
        for (StageEdit edit : parts.edits()) {
            pieces.add(edit.describe());
        }
        return method + (pieces.isEmpty() ? "" : " (" + String.join(", ", pieces) + ")");
    }

    private static PartContext withKey(PartContext context, String key) {
        return new PartContext(key, context.classes(), context.random(), context.epochs());
    }

    /**
     * The stage's part over the preset's: absent takes the preset's, a name or a mapping with a type
     * replaces it, and a mapping without a type adjusts the preset part's settings.
     */
    private static Object overPreset(Object given, Object preset) {
        if (given == null) {
            return preset;
        }
        if (given instanceof Map<?, ?> settings && !settings.containsKey("type") && preset != null && !isNone(preset)) {
            Map<String, Object> merged = new LinkedHashMap<>();
            if (preset instanceof Map<?, ?> p) {
                p.forEach((k, v) -> merged.put(String.valueOf(k), v));
            } else {
                merged.put("type", preset);
            }
            settings.forEach((k, v) -> merged.put(String.valueOf(k), v));
            return merged;
        }
        return given;
    }

    /** The preset's edits, then the stage's: a named edit is added or adjusted, and null removes it. */
    private static Map<String, Object> editsOverPreset(Map<String, Object> given, Object preset) {
        Map<String, Object> edits = new LinkedHashMap<>();
        if (preset instanceof Map<?, ?> p) {
            p.forEach((k, v) -> edits.put(String.valueOf(k), v));
        }
        if (given != null) {
            given.forEach((name, settings) -> {
                if (settings == null) {
                    edits.remove(name);
                } else if (settings instanceof Map<?, ?> s && edits.get(name) instanceof Map<?, ?> old) {
                    Map<String, Object> merged = new LinkedHashMap<>();
                    old.forEach((k, v) -> merged.put(String.valueOf(k), v));
                    s.forEach((k, v) -> merged.put(String.valueOf(k), v));
                    edits.put(name, merged);
                } else {
                    edits.put(name, settings);
                }
            });
        }
        return edits;
    }

    private static boolean isNone(Object spec) {
        return spec == null || NONE.equals(spec);
    }
}
