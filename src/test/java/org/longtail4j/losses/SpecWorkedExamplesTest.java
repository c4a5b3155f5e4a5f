package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;

/**
 * The worked examples of methods-single.md (sections 1-3, 5, 6), with the figures copied from the spec
 * (computed there in float64, 6 significant digits): F-counts n = [500, 100, 10], F-logits, F-cos and
 * F-noise, and the CIFAR-100-LT constants for classes 0 / 35 / 50 / 70 / 99.
 */
class SpecWorkedExamplesTest {

    private static final int[] F_COUNTS = {500, 100, 10};
    private static final double[][] F_LOGITS = {{2.0, 0.5, -1.0}, {0.3, -0.2, 1.5}};
    private static final double[][] F_COS = {{0.3, 0.1, 0.2}, {0.25, 0.2, 0.15}};
    private static final double[][] F_NOISE = {{0.3, -0.6, 0.9}, {-0.2, 0.4, -1.0}};
    private static final int[] F_LABELS = {2, 0};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Equal to the spec's 6-significant-digit figure. */
    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-5 * Math.max(Math.abs(expected), 1e-2), what);
    }

    private static void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    private double value(LogitLoss loss, double[][] x, int[] labels, int epoch) {
        return loss.loss(LossFixtures.matrix(manager, x), LossFixtures.labels(manager, labels),
                LossFixtures.step(ClassStatistics.of(F_COUNTS), epoch)).getFloat();
    }

    /** The loss of each sample alone (a batch of one). */
    private double[] perSample(LogitLoss loss, double[][] x) {
        return new double[] {value(loss, new double[][] {x[0]}, new int[] {F_LABELS[0]}, 0),
                value(loss, new double[][] {x[1]}, new int[] {F_LABELS[1]}, 0)};
    }

    /** The GCL loss of the F-cos samples {@code samples} with their labels and F-noise rows. */
    private double gcl(Map<String, Object> spec, int... samples) {
        GaussianCloudedLoss loss = (GaussianCloudedLoss) LossFixtures.loss(spec, F_COUNTS);
        double[][] cos = new double[samples.length][];
        double[][] noise = new double[samples.length][];
        int[] labels = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            cos[i] = F_COS[samples[i]];
            noise[i] = F_NOISE[samples[i]];
            labels[i] = F_LABELS[samples[i]];
        }
        return loss.loss(LossFixtures.matrix(manager, cos), LossFixtures.labels(manager, labels),
                LossFixtures.matrix(manager, noise).abs(), 0).getFloat();
    }

    /** n_c = floor(500 * IR^(-c / 99)) for the 100 CIFAR-100-LT classes. */
    private static int[] cifar100(int ir) {
        int[] counts = new int[100];
        for (int c = 0; c < 100; c++) {
            counts[c] = (int) Math.floor(500 * Math.pow(ir, -c / 99.0));
        }
        return counts;
    }

    private static double[] at(double[] values, int... classes) {
        double[] out = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = values[classes[i]];
        }
        return out;
    }

    @Test
    void plainCrossEntropy() {
        LogitLoss ce = LossFixtures.loss("ce", F_COUNTS);
        close(new double[] {3.24131, 1.59466}, perSample(ce, F_LOGITS), "CE per sample");
        close(2.41799, value(ce, F_LOGITS, F_LABELS, 0), "CE mean");
    }

    @Test
    void classBalancedWeights() {
        close(new double[] {0.0548482, 0.268837, 2.67631}, ClassBalancedWeighting.weights(F_COUNTS, 0.9999), "0.9999");
        close(new double[] {0.0671533, 0.277634, 2.65521}, ClassBalancedWeighting.weights(F_COUNTS, 0.999), "0.999");
        close(new double[] {0.231543, 0.362828, 2.40563}, ClassBalancedWeighting.weights(F_COUNTS, 0.99), "0.99");
        close(new double[] {0.848568, 0.848591, 1.30284}, ClassBalancedWeighting.weights(F_COUNTS, 0.9), "0.9");
        close(new double[] {1, 1, 1}, ClassBalancedWeighting.weights(F_COUNTS, 0), "beta 0");
        assertEquals(9502, ClassStatistics.of(cifar100(200)).total());
        assertEquals(10847, ClassStatistics.of(cifar100(100)).total());
        assertEquals(12608, ClassStatistics.of(cifar100(50)).total());
        close(new double[] {0.0237207, 0.340834, 5.78492}, at(ClassBalancedWeighting.weights(cifar100(200), 0.9999), 0, 50, 99), "IR 200");
        close(new double[] {0.0448757, 0.457055, 4.37831}, at(ClassBalancedWeighting.weights(cifar100(100), 0.9999), 0, 50, 99), "IR 100");
        close(new double[] {0.0788891, 0.55953, 3.84939}, at(ClassBalancedWeighting.weights(cifar100(50), 0.9999), 0, 50, 99), "IR 50");
        double sum = 0;
        for (double w : ClassBalancedWeighting.weights(cifar100(100), 0.9999)) {
            sum += w;
        }
        assertEquals(100, sum, 1e-9, "CB weights sum to C");
    }

    @Test
    void weightedCrossEntropyIsTheWeightedMean() {
        LogitLoss cb = LossFixtures.loss(Map.of("type", "ce", "weights", Map.of("type", "cb", "beta", 0.9999)), F_COUNTS);
        close(3.20824, value(cb, F_LOGITS, F_LABELS, 0), "CB-CE");
        // the wrong reduction, mean_i(w_{y_i} CE_i), is a different number: the test could tell them apart
        double[] w = ClassBalancedWeighting.weights(F_COUNTS, 0.9999);
        double wrong = (w[2] * 3.24131 + w[0] * 1.59466) / 2;
        assertTrue(Math.abs(wrong - 3.20824) > 0.1, "the two reductions differ on this example: " + wrong);
    }

    @Test
    void softmaxFocal() {
        LogitLoss focal = LossFixtures.loss("focal", F_COUNTS);
        close(new double[] {3.11454, 1.27098}, perSample(focal, F_LOGITS), "gamma 1 per sample");
        close(2.19276, value(focal, F_LOGITS, F_LABELS, 0), "gamma 1");
        close(2.00286, value(LossFixtures.loss(Map.of("type", "focal", "gamma", 2.0), F_COUNTS), F_LOGITS, F_LABELS, 0), "gamma 2");
        LogitLoss weighted = LossFixtures.loss(Map.of("type", "focal", "weights", "cb"), F_COUNTS);
        close(4.34031, value(weighted, F_LOGITS, F_LABELS, 0), "gamma 1, CB(0.9999) inside as LDAM-DRW");
    }

    @Test
    void focalDetachChangesTheGradientNotTheValue() {
        float[][] gradients = new float[2][];
        double[] values = new double[2];
        for (int d = 0; d < 2; d++) {
            LogitLoss focal = LossFixtures.loss(Map.of("type", "focal", "detach_factor", d == 1), F_COUNTS);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = LossFixtures.matrix(manager, F_LOGITS);
                x.setRequiresGradient(true);
                NDArray loss = focal.loss(x, LossFixtures.labels(manager, F_LABELS),
                        LossFixtures.step(ClassStatistics.of(F_COUNTS), 0));
                collector.backward(loss);
                values[d] = loss.getFloat();
                gradients[d] = x.getGradient().toFloatArray();
            }
        }
        assertEquals(values[0], values[1], 0);
        double largest = 0;
        for (int i = 0; i < gradients[0].length; i++) {
            largest = Math.max(largest, Math.abs(gradients[0][i] - gradients[1][i]));
        }
        assertTrue(largest > 0.01, "detaching the factor changes the gradient, by " + largest);
    }

    @Test
    void sigmoidFocal() {
        close(2.66800, value(LossFixtures.loss("sigmoid-focal", F_COUNTS), F_LOGITS, F_LABELS, 0), "no weights");
        LogitLoss cb = LossFixtures.loss(Map.of("type", "sigmoid-focal", "weights", Map.of("type", "cb", "beta", 0.9)), F_COUNTS);
        close(3.04528, value(cb, F_LOGITS, F_LABELS, 0), "CB(0.9)");
    }

    @Test
    void ldamAndDrw() {
        close(new double[] {0.18803, 0.281171, 0.5}, Ldam.margins(F_COUNTS, 0.5), "margins");
        close(new double[] {0.125743, 0.24624, 0.5}, at(Ldam.margins(cifar100(200), 0.5), 0, 50, 99), "IR 200");
        close(new double[] {0.158114, 0.284055, 0.5}, at(Ldam.margins(cifar100(100), 0.5), 0, 50, 99), "IR 100");
        close(new double[] {0.18803, 0.308502, 0.5}, at(Ldam.margins(cifar100(50), 0.5), 0, 50, 99), "IR 50");
        LogitLoss ldam = LossFixtures.loss("ldam", F_COUNTS);
        close(new double[] {18.0025, 4.35524}, perSample(ldam, F_COS), "LDAM per sample");
        close(11.1789, value(ldam, F_COS, F_LABELS, 0), "LDAM");
        LogitLoss drw = LossFixtures.loss(Map.of("type", "ldam", "weights", "drw"), F_COUNTS);
        close(11.1789, value(drw, F_COS, F_LABELS, 159), "LDAM-DRW in 0-based epoch 159 (unweighted)");
        close(17.7284, value(drw, F_COS, F_LABELS, 160), "LDAM-DRW in 0-based epoch 160 (weighted mean)");
        double[] w = ClassBalancedWeighting.weights(F_COUNTS, 0.9999);
        close(24.2096, (w[2] * 18.0025 + w[0] * 4.35524) / 2, "the spec's wrong mean of w * loss");
    }

    @Test
    void drwSwitchesAtItsZeroBasedStartEpoch() {
        ClassWeighting drw = ClassWeightingRegistry.WEIGHTINGS.bind("weights", "drw").create(LossFixtures.context(F_COUNTS));
        assertEquals(Optional.empty(), drw.at(0));
        assertEquals(Optional.empty(), drw.at(159));
        close(new double[] {0.0548482, 0.268837, 2.67631}, drw.at(160).orElseThrow(), "epoch 160");
        close(new double[] {0.0548482, 0.268837, 2.67631}, drw.at(199).orElseThrow(), "epoch 199");
        ClassWeighting early = ClassWeightingRegistry.WEIGHTINGS.bind("weights",
                Map.of("type", "drw", "beta", 0.9, "start_epoch", 0)).create(LossFixtures.context(F_COUNTS));
        close(new double[] {0.848568, 0.848591, 1.30284}, early.at(0).orElseThrow(), "start 0, beta 0.9");
        ClassWeighting none = ClassWeightingRegistry.WEIGHTINGS.bind("weights", "none").create(LossFixtures.context(F_COUNTS));
        assertFalse(none.at(0).isPresent());
    }

    @Test
    void balancedSoftmaxAndLogitAdjustment() {
        LogitLoss bsce = LossFixtures.loss("balanced-softmax", F_COUNTS);
        close(6.95663, perSample(bsce, F_LOGITS)[0], "BSCE sample 1");
        close(3.56433, value(bsce, F_LOGITS, F_LABELS, 0), "BSCE mean");
        LogitLoss la = LossFixtures.loss(Map.of("type", "logit-adjusted", "tau", 0.5), F_COUNTS);
        close(5.05751, perSample(la, F_LOGITS)[0], "LA tau 0.5 sample 1");
        close(3.56433, value(LossFixtures.loss("logit-adjusted", F_COUNTS), F_LOGITS, F_LABELS, 0), "LA tau 1 = BSCE");
        close(new double[] {-0.198851, -1.80829, -4.11087}, LogitAdjusted.offsets(ClassStatistics.of(F_COUNTS), 1), "log pi");
        double[] z = F_LOGITS[0];
        double[] tau1 = LogitAdjusted.offsets(ClassStatistics.of(F_COUNTS), 1);
        double[] tau05 = LogitAdjusted.offsets(ClassStatistics.of(F_COUNTS), 0.5);
        close(new double[] {2.19885, 2.30829, 3.11087}, new double[] {z[0] - tau1[0], z[1] - tau1[1], z[2] - tau1[2]}, "post hoc tau 1");
        close(new double[] {2.09943, 1.40414, 1.05544}, new double[] {z[0] - tau05[0], z[1] - tau05[1], z[2] - tau05[2]}, "post hoc tau 0.5");
    }

    @Test
    void labelAwareSmoothing() {
        LabelAwareSmoothing.Shape concave = LabelAwareSmoothing.Shape.CONCAVE;
        close(new double[] {0.4, 0.185358, 0.1}, LabelAwareSmoothing.epsilons(F_COUNTS, 0.4, 0.1, concave, 1), "eps");
        close(new double[] {0.4, 0.187256, 0.140809, 0.113324, 0.1},
                at(LabelAwareSmoothing.epsilons(cifar100(100), 0.4, 0.1, concave, 1), 0, 35, 50, 70, 99), "IR 100");
        close(new double[] {0.3, 0.108109, 0.0564033, 0.0201807, 0},
                at(LabelAwareSmoothing.epsilons(cifar100(50), 0.3, 0.0, concave, 1), 0, 35, 50, 70, 99), "IR 50");
        LogitLoss code = LossFixtures.loss(Map.of("type", "label-aware-smoothing", "eps_head", 0.4, "eps_tail", 0.1), F_COUNTS);
        close(new double[] {3.09131, 1.50133}, perSample(code, F_LOGITS), "code form per sample");
        close(2.29632, value(code, F_LOGITS, F_LABELS, 0), "code form mean");
        LogitLoss paper = LossFixtures.loss(Map.of("type", "label-aware-smoothing", "form", "paper"), F_COUNTS);
        close(3.01631, perSample(paper, F_LOGITS)[0], "paper form sample 1");
    }

    @Test
    void gaussianCloudedLogits() {
        close(new double[] {0, 0.411408, 1}, GaussianCloudedLoss.amplitudes(F_COUNTS), "a");
        close(new double[] {0, 0.486873, 1}, at(GaussianCloudedLoss.amplitudes(cifar100(200)), 0, 50, 99), "IR 200");
        close(new double[] {0, 0.508864, 1}, at(GaussianCloudedLoss.amplitudes(cifar100(100)), 0, 50, 99), "IR 100");
        close(new double[] {0, 0.50626, 1}, at(GaussianCloudedLoss.amplitudes(cifar100(50)), 0, 50, 99), "IR 50");
        close(new double[] {0, 0, 0}, GaussianCloudedLoss.amplitudes(new int[] {7, 7, 7}), "balanced: no noise");
        Map<String, Object> stage1 = Map.of("type", "gcl");
        Map<String, Object> stage2 = Map.of("type", "gcl", "m", 0.1, "s", 20.0, "gamma", 1.0);
        close(16.5001, gcl(stage1, 0), "stage 1 sample 1");
        close(0.0187263, gcl(stage1, 1), "stage 1 sample 2");
        close(8.25939, gcl(stage1, 0, 1), "stage 1 mean");
        close(13.0015, gcl(stage2, 0), "stage 2 sample 1");
        close(0.145023, gcl(stage2, 1), "stage 2 sample 2");
        close(6.57327, gcl(stage2, 0, 1), "stage 2 mean");
    }

    @Test
    void mixedTargetsWeighTheTwoLosses() {
        LogitLoss ce = LossFixtures.loss("ce", F_COUNTS);
        NDArray x = LossFixtures.matrix(manager, new double[][] {F_LOGITS[0]});
        Targets mixed = new Targets(LossFixtures.labels(manager, 0), LossFixtures.labels(manager, 2), 0.707031);
        double loss = ce.loss(ModelOutput.single(x), mixed, LossFixtures.step(ClassStatistics.of(F_COUNTS), 0)).getFloat();
        close(1.12022, loss, "CE + CMO worked example (section 7)");
        LogitLoss bsce = LossFixtures.loss("balanced-softmax", F_COUNTS);
        double balanced = bsce.loss(ModelOutput.single(x), mixed, LossFixtures.step(ClassStatistics.of(F_COUNTS), 0)).getFloat();
        close(2.06962, balanced, "BSCE + CMO worked example (section 7)");
    }
}
