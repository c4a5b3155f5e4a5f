package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

/** Contexts, batches and a plain cross-entropy shared by the mixing tests. */
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

    /** Mean over the batch of -log softmax(logits)[label], the loss the targets' two terms are checked with. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        try (NDArray logProbs = logits.logSoftmax(1);
                NDArray index = labels.toType(DataType.INT64, true).reshape(-1, 1);
                NDArray picked = logProbs.gather(index, 1)) {
            return picked.mean().neg();
        }
    }
}
