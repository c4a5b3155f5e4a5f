package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.losses.CrossEntropy;
import org.longtail4j.losses.LossContext;
import org.longtail4j.losses.Targets;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

/** Contexts, batches and the registered cross-entropy shared by the mixing tests. */
final class MixingFixtures {

    static final ClassStatistics F_COUNTS = ClassStatistics.of(500, 100, 10);

    private MixingFixtures() {}

    static PartContext part(int epochs) {
        return new PartContext("stages.stage1.mixing", F_COUNTS, new RandomStreams(1, "stage1"), epochs);
    }

    static MixingContext step(int epoch, int epochs, long seed) {
        return new MixingContext(F_COUNTS, epoch, epochs, new SplittableRandom(seed));
    }

    /** A [b, c, h, w] batch of distinct values, sample i offset by 1000 * i (plus {@code shift}). */
    static NDArray images(NDManager manager, int b, int c, int h, int w, float shift) {
        float[] values = new float[b * c * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i / (c * h * w)) * 1000 + (i % (c * h * w)) * 0.5f + shift;
        }
        return manager.create(values, new ai.djl.ndarray.types.Shape(b, c, h, w));
    }

    /**
     * The registered cross-entropy ({@code loss: ce}) of {@code logits} against mixed {@code targets}, i.e.
     * lambda CE(first) + (1 - lambda) CE(second), each the batch mean of -log softmax(logits)[label].
     */
    static NDArray crossEntropy(NDArray logits, Targets targets) {
        LossContext step = new LossContext(F_COUNTS, 0, 1, new SplittableRandom(0));
        CrossEntropy loss = new CrossEntropy(new CrossEntropy.Settings(), part(1));
        return targets.combine(labels -> loss.loss(logits, labels, step));
    }
}
