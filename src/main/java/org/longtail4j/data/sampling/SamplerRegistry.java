package org.longtail4j.data.sampling;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.longtail4j.parts.NoSettings;
import org.longtail4j.parts.PartRegistry;

/**
 * Every sampler a batch stream can name ({@code sampler: NAME} or {@code {type: NAME, ...}}): the one
 * place they are registered.
 *
 * <p>A sampler needs more than a {@link org.longtail4j.parts.PartContext}: the labels it walks, the
 * purpose that keys its draws and the batch size. So the registry's parts are {@link Factory factories}
 * that take a {@link SamplerContext}; binding stays the registry's (typed settings, unknown keys named,
 * resolved values for config.yaml):
 *
 * <pre>
 * SamplerContext context = new SamplerContext(part, labels, purpose, batchSize);
 * Sampler sampler = SamplerRegistry.SAMPLERS.bind(key, spec).create(part).create(context);
 * </pre>
 *
 * or {@link #create} for both steps.
 */
public final class SamplerRegistry {

    /** A sampler whose settings are bound, built once the data it walks is known. */
    @FunctionalInterface
    public interface Factory {
        Sampler create(SamplerContext context);
    }

    public static final PartRegistry<Factory> SAMPLERS = new PartRegistry<Factory>("sampler");

    static {
        register("instance", "every image once per epoch in a fresh random order (optionally without the short "
                + "last batch)", "-", InstanceSampler.Settings.class, InstanceSampler::new);
        register("class-balanced", "per slot a uniform class, then a uniform image of it, with replacement",
                "H2T (Li et al. 2024), DR", ClassBalancedSampler::new);
        register("balanced-rs", "per-image weight 1 / n_y, N draws with replacement: the same distribution "
                + "(and draws) as class-balanced", "GCL (Li et al. 2022)", ClassBalancedSampler::new);
        register("square-root", "per slot class c with probability proportional to sqrt(n_c), then a uniform "
                + "image", "Mahajan et al. 2018", SquareRootSampler::new);
        register("class-aware", "classes in reshuffled passes, 4 images per visited class from its own "
                + "reshuffled list; int(N/B) or ceil(N/B)+1 batches", "cRT (Kang et al. 2020), MiSLAS (Zhong "
                + "et al. 2021)", ClassAwareSampler.Settings.class, ClassAwareSampler::new);
        register("class-cycling", "per slot a uniform class, then that class's next image from its own list, "
                + "reshuffled when used up (RIDE's router stage)", "RIDE (Wang et al. 2021)", ClassCyclingSampler::new);
        register("reversed", "per slot class c with probability proportional to 1 / n_c, then a uniform image",
                "BBN (Zhou et al. 2020)", ReversedSampler::new);
        register("minority-weighted", "per-image weight n_y^-alpha, N draws with replacement (class c with "
                + "probability proportional to n_c^(1-alpha))", "CMO (Park et al. 2022)",
                MinorityWeightedSampler.Settings.class, MinorityWeightedSampler::new);
        register("effective-number", "per-image weight (1 - beta) / (1 - beta^n_y), N draws with replacement",
                "LDAM-DRW Resample (Cao et al. 2019), GCL EffectNumRS", EffectiveNumberSampler.Settings.class,
                EffectiveNumberSampler::new);
    }

    private SamplerRegistry() {}

    /** Binds {@code spec} (a name or a mapping with {@code type}) at the context's key and builds the sampler. */
    public static Sampler create(Object spec, SamplerContext context) {
        return SAMPLERS.bind(context.key(), spec).create(context.part()).create(context);
    }

    private static <S> void register(String name, String summary, String paper, Class<S> settings,
            BiFunction<S, SamplerContext, Sampler> build) {
        SAMPLERS.register(name, summary, paper, settings, (s, part) -> context -> build.apply(s, context));
    }

    private static void register(String name, String summary, String paper, Function<SamplerContext, Sampler> build) {
        register(name, summary, paper, NoSettings.class, (none, context) -> build.apply(context));
    }
}
