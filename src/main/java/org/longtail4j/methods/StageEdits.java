package org.longtail4j.methods;

import org.longtail4j.BadInputException;
import org.longtail4j.parts.CheckedSettings;
import org.longtail4j.parts.NoSettings;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.PartRegistry;

/** Every stage edit a stage can name ({@code edits: {NAME: {settings}}}), applied in the order given. */
public final class StageEdits {

    /** Settings of {@code freeze-backbone}. */
    public static final class FreezeSettings implements CheckedSettings {
        /**
         * shift: the frozen backbone runs in training mode, so BatchNorm re-estimates its running statistics
         * on the stage's data (DR, cRT, LWS, MiSLAS); frozen: inference mode (GCL's stage 2).
         */
        public String bn = "shift";

        @Override
        public void check(String key) {
            if (!"shift".equals(bn) && !"frozen".equals(bn)) {
                throw new BadInputException("config key '" + key + ".bn' is " + bn + ", expected shift or frozen");
            }
        }
    }

    /** Settings of {@code tau-normalise}. */
    public static final class TauSettings {
        /** The exponent: 0 keeps the vectors (the bias is still dropped), 1 normalises them. */
        public double tau = 1.0;
    }

    /** Settings of {@code add-router}. */
    public static final class RouterSettings implements CheckedSettings {
        /**
         * How many of the running mean's largest logits each router reads: 30 for CIFAR-100, 50 for
         * ImageNet-LT (RIDE's); at most the number of classes.
         */
        public int kTop = 30;

        @Override
        public void check(String key) {
            if (kTop < 1) {
                throw new BadInputException("config key '" + key + ".k_top' is " + kTop + ", expected an integer >= 1");
            }
        }
    }

    public static final PartRegistry<StageEdit> EDITS = new PartRegistry<StageEdit>("stage edit")
            .register("freeze-backbone", "the backbone takes no gradients; bn: shift (re-estimate BN statistics) "
                    + "or frozen", "Kang et al., ICLR 2020", FreezeSettings.class, StageEdits::freeze)
            .register("reinit-head", "draw the classifier afresh instead of starting from the previous stage's (cRT)",
                    "Kang et al., ICLR 2020", NoSettings.class, (s, c) -> simple("re-initialised head", model -> model.head().reinitialize()))
            .register("tau-normalise", "post-hoc: each class vector W_c divided by ||W_c||^tau, the bias dropped",
                    "Kang et al., ICLR 2020", TauSettings.class, (s, c) -> simple("tau-normalised (tau " + s.tau + ")",
                            model -> TauNormalisation.apply(model.head(), s.tau)))
            .register("freeze-head", "the classifier takes no gradients (LWS: only the scales train)",
                    "Kang et al., ICLR 2020", NoSettings.class, (s, c) -> simple("frozen head",
                            model -> model.head().freezeParameters(true)))
            .register("add-weight-scaling", "learnable weight scaling: one scale per class (init 1) on the logits, "
                    + "bias scaled too", "Kang et al., ICLR 2020; Zhong et al., CVPR 2021 (MiSLAS)", NoSettings.class,
                    (s, c) -> simple("weight scaling", org.longtail4j.models.ImageClassifier::addLogitScale))
            .register("add-router", "RIDE's expert router: after each expert but the last, Linear(channels -> 16) on "
                    + "its pooled, normalised map and a shared Linear(k_top + 16 -> 1) deciding whether a sample goes "
                    + "on", "Wang et al., ICLR 2021", RouterSettings.class, StageEdits::router);

    private StageEdits() {}

    private static StageEdit freeze(FreezeSettings settings, PartContext context) {
        boolean shift = "shift".equals(settings.bn);
        return new StageEdit() {
            @Override
            public void apply(org.longtail4j.models.ImageClassifier model) {
                model.backbone().freezeParameters(true);
            }

            @Override
            public Boolean frozenBackboneInTrainingMode() {
                return shift;
            }

            @Override
            public String describe() {
                return shift ? "shift BN" : "frozen BN";
            }
        };
    }

    private static StageEdit router(RouterSettings settings, PartContext context) {
        int classes = context.classes().numClasses();
        if (settings.kTop > classes) {
            throw new BadInputException("config key '" + context.key() + ".k_top' is " + settings.kTop
                    + ", expected at most the number of classes (" + classes + "): a router reads the k_top largest "
                    + "of the " + classes + " mean logits");
        }
        // drawn from the stage's own stream: the same router whatever the engine drew before the stage
        return simple("router (k_top " + settings.kTop + ")",
                model -> model.addRouter(settings.kTop, context.random().stream("router-init")));
    }

    /** An edit that only changes the model, named for descriptions. */
    private static StageEdit simple(String description, java.util.function.Consumer<org.longtail4j.models.ImageClassifier> change) {
        return new StageEdit() {
            @Override
            public void apply(org.longtail4j.models.ImageClassifier model) {
                change.accept(model);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
