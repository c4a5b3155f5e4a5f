package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.List;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.sampling.ClassBalancedSampler;
import org.longtail4j.data.sampling.InstanceSampler;
import org.longtail4j.data.sampling.Sampler;
import org.longtail4j.methods.h2t.FeatureFusion;
import org.longtail4j.models.ImageClassifier;

/**
 * Decoupled classifier re-training (DR, Kang et al. 2020) with optional head-to-tail fusion (H2T).
 *
 * <p>Only the head learns; the backbone gets no gradients. With {@code bn: shift} the backbone runs in
 * training mode so BatchNorm re-estimates its running statistics on the stage's data (gamma and beta
 * stay as they are, having no gradients); with {@code bn: frozen} it runs in inference mode.
 * {@code classifier: finetune} starts from the stage-1 head, {@code reinit} draws it afresh (cRT).
 *
 * <p>With fusion ratio p > 0 each iteration takes two batches of equal size, paired by position: a
 * class-balanced one (whose labels train the head) and an instance-sampled one (whose labels are never
 * used). Both go through the backbone, balanced first, and {@link FeatureFusion} grafts floor(p * C)
 * channels of the instance maps onto the balanced maps. With p = 0 (plain DR) only the balanced batch
 * is drawn, as in the authors' code. Either way an epoch is ceil(N / B) iterations.
 */
final class DecoupledRetraining implements TrainingMethod {

    private final Sampler balanced;
    private final Sampler instance;
    private final FeatureFusion fusion;
    private final boolean shiftBn;
    private final boolean reinitialize;

    DecoupledRetraining(MethodContext context) {
        NoParams.check(context);
        StageConfig c = context.config();
        int[] labels = context.train().labels();
        balanced = new ClassBalancedSampler(labels, context.train().numClasses(), context.seedFor("balanced"));
        instance = new InstanceSampler(labels.length, context.seedFor("instance"));
        fusion = new FeatureFusion(c.h2t.p);
        shiftBn = "shift".equals(c.bn);
        reinitialize = "reinit".equals(c.classifier);
    }

    private boolean fusing() {
        return fusion.ratio() > 0;
    }

    @Override
    public List<int[]> epochOrders(int epoch) {
        return fusing() ? List.of(balanced.epoch(epoch), instance.epoch(epoch)) : List.of(balanced.epoch(epoch));
    }

    @Override
    public void prepare(ImageClassifier model) {
        model.backbone().freezeParameters(true);
        if (reinitialize) {
            model.head().reinitialize();
        }
    }

    @Override
    public PairList<String, Parameter> trainable(ImageClassifier model) {
        return Trainable.of(model);
    }

    @Override
    public NDArray loss(Step step) {
        NDList features = step.model().backbone().forward(step.parameters(), new NDList(step.images().get(0)), shiftBn);
        if (fusing()) {
            NDList fusing = step.model().backbone().forward(step.parameters(), new NDList(step.images().get(1)), shiftBn);
            features = fusion.fuseAll(features, fusing, step.random());
        }
        NDArray logits = step.model().head().forward(step.parameters(), features, true).singletonOrThrow();
        return Losses.crossEntropy(logits, step.labels().get(0));
    }

    @Override
    public String describe() {
        String base = reinitialize ? "cRT" : "DR";
        String bn = shiftBn ? "shift BN" : "frozen BN";
        return fusing() ? base + " + H2T (p " + fusion.ratio() + ", " + bn + ")" : base + " (" + bn + ")";
    }
}
