package org.longtail4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.longtail4j.util.Shuffle;

/**
 * Mixup for representation learning (stage 1 of the decoupled recipes): each batch is blended with
 * a shuffled copy of itself, and the loss with the two label sets in the same proportion.
 *
 * <p>Per batch, one {@code lambda ~ Beta(alpha, alpha)} (alpha 1: uniform) and one random
 * permutation of the batch pair sample i with sample perm[i]:
 *
 * <pre>
 * x' = lambda * x + (1 - lambda) * x[perm]
 * loss = lambda * CE(logits, y) + (1 - lambda) * CE(logits, y[perm])
 * </pre>
 *
 * with CE the mean over the batch of -log softmax(logits)[y]. Alpha 0 turns mixup off: lambda 1,
 * identity permutation, the loss is plain cross-entropy. Both draws come from the generator given
 * here, so a run replays from its seed.
 */
public final class Mixup {

    private final double alpha;
    private final RandomGenerator random;

    /**
     * @param alpha the Beta distribution's two shapes; 0 for no mixing
     * @param random seeded source of lambda and the permutation
     */
    public Mixup(double alpha, RandomGenerator random) {
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("alpha must be >= 0, got " + alpha);
        }
        this.alpha = alpha;
        this.random = random;
    }

    /**
     * Draws lambda and a permutation and blends the batch.
     *
     * @param inputs a batch, samples along axis 0
     * @return the blended batch (a new array owned by the inputs' manager) and what was drawn
     */
    public Mixed mix(NDArray inputs) {
        int size = Math.toIntExact(inputs.getShape().get(0));
        if (alpha == 0) {
            return new Mixed(inputs.duplicate(), 1, identity(size));
        }
        double lambda = BetaDistribution.sample(random, alpha, alpha);
        long[] permutation = Arrays.stream(Shuffle.permutation(size, random)).asLongStream().toArray();
        NDArray mixed = inputs.mul(lambda);
        try (NDArray index = inputs.getManager().create(permutation);
                NDArray partners = inputs.get(index)) {
            mixed.addi(partners.muli(1 - lambda));
        }
        return new Mixed(mixed, lambda, permutation);
    }

    private static long[] identity(int size) {
        long[] indices = new long[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        return indices;
    }

    /** A blended batch with the lambda and permutation that made it, which its loss needs. */
    public static final class Mixed {

        private final NDArray inputs;
        private final double lambda;
        private final long[] permutation;

        private Mixed(NDArray inputs, double lambda, long[] permutation) {
            this.inputs = inputs;
            this.lambda = lambda;
            this.permutation = permutation;
        }

        /** The blended inputs to feed the model. */
        public NDArray inputs() {
            return inputs;
        }

        public double lambda() {
            return lambda;
        }

        /** Sample i was blended with sample permutation()[i]. */
        public long[] permutation() {
            return permutation.clone();
        }

        /**
         * {@code lambda * CE(logits, labels) + (1 - lambda) * CE(logits, labels[perm])}, a scalar
         * in the logits' manager that autograd can differentiate.
         *
         * @param logits (batch, classes) scores for the blended inputs
         * @param labels the batch's class indices (any numeric type, shape (batch) or (batch, 1))
         */
        public NDArray loss(NDArray logits, NDArray labels) {
            try (NDArray logProbs = logits.logSoftmax(1);
                    NDArray copied = labels.toType(DataType.INT64, true);
                    NDArray targets = copied.reshape(-1, 1)) {
                NDArray loss = crossEntropy(logProbs, targets);
                if (lambda == 1) {
                    return loss;
                }
                try (NDArray index = logits.getManager().create(permutation);
                        NDArray partnerTargets = targets.get(index);
                        NDArray partnerLoss = crossEntropy(logProbs, partnerTargets)) {
                    return loss.muli(lambda).addi(partnerLoss.muli(1 - lambda));
                }
            }
        }

        /** Mean over the batch of -log p[target]. */
        private static NDArray crossEntropy(NDArray logProbs, NDArray targets) {
            try (NDArray picked = logProbs.gather(targets, 1)) {
                return picked.mean().negi();
            }
        }
    }
}
