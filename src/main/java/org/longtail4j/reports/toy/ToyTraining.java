package org.longtail4j.reports.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The toy's three classifiers on one {@link ToyData}: stage 1 trains on instance-sampled batches (the
 * long-tailed distribution as it is); then, each starting from the stage-1 weights as DR does, one
 * copy is re-trained on class-balanced batches and one on class-balanced batches fused with
 * instance-sampled ones, H2T's 2-D analogue: per iteration a random subset of floor(p * 2) of the two
 * coordinates is taken from the instance batch's point at the same position, the label stays the
 * balanced point's (h2t.md, "Fusion", with coordinates for channels).
 */
public final class ToyTraining {

    /** Settings; the defaults are what {@code longtail toy} runs. */
    public record Settings(int head, int tail, int testPerClass, int stage1Epochs, int stage2Epochs, int batch,
            double stage1Lr, double stage2Lr, double weightDecay, double p) {

        public static Settings defaults() {
            return new Settings(500, 10, 5000, 30, 10, 32, 0.1, 0.05, 5e-4, 0.5);
        }
    }

    /**
     * What one seed produced.
     *
     * @param fusedTail tail-labelled fused points of H2T's last epoch (what H2T added to the tail's region)
     */
    public record Result(long seed, ToyData data, LinearSoftmax stage1, LinearSoftmax balanced, LinearSoftmax h2t,
            List<double[]> fusedTail) {}

    private ToyTraining() {}

    /** Draws the data of {@code seed} and trains the three classifiers. */
    public static Result run(Settings s, long seed) {
        ToyData data = ToyData.draw(s.head(), s.tail(), s.testPerClass(), seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = data.y().length;
        LinearSoftmax stage1 = new LinearSoftmax();
        for (int epoch = 0; epoch < s.stage1Epochs(); epoch++) {
            int[] order = shuffled(n, random);
            for (int start = 0; start < n; start += s.batch()) {
                int[] idx = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + s.batch()));
                stage1.step(points(data, idx), labels(data, idx), s.stage1Lr(), s.weightDecay());
            }
        }
        LinearSoftmax balanced = stage1.copy();
        LinearSoftmax h2t = stage1.copy();
        int[][] byClass = {data.indicesOf(0), data.indicesOf(1)};
        int k = (int) Math.floor(s.p() * 2);
        List<double[]> fusedTail = new ArrayList<>();
        for (int epoch = 0; epoch < s.stage2Epochs(); epoch++) {
            double lr = 0.5 * s.stage2Lr() * (1 + Math.cos(Math.PI * epoch / s.stage2Epochs()));
            int[] order = shuffled(n, random);
            for (int start = 0; start < n; start += s.batch()) {
                int size = Math.min(n, start + s.batch()) - start;
                int[] bal = new int[size];
                for (int i = 0; i < size; i++) {
                    int[] members = byClass[random.nextInt(2)];
                    bal[i] = members[random.nextInt(members.length)];
                }
                int[] labels = labels(data, bal);
                balanced.step(points(data, bal), labels, lr, s.weightDecay());
                // H2T draws its own balanced batch so the two re-trainings see equally many balanced draws.
                int[] balH2t = new int[size];
                for (int i = 0; i < size; i++) {
                    int[] members = byClass[random.nextInt(2)];
                    balH2t[i] = members[random.nextInt(members.length)];
                }
                int[] inst = java.util.Arrays.copyOfRange(order, start, start + size);
                boolean[] replaced = subset(k, random);
                double[][] fused = new double[size][];
                for (int i = 0; i < size; i++) {
                    double[] b = data.x()[balH2t[i]];
                    double[] f = data.x()[inst[i]];
                    fused[i] = new double[] {replaced[0] ? f[0] : b[0], replaced[1] ? f[1] : b[1]};
                    if (epoch == s.stage2Epochs() - 1 && data.y()[balH2t[i]] == 1) {
                        fusedTail.add(fused[i]);
                    }
                }
                h2t.step(fused, labels(data, balH2t), lr, s.weightDecay());
            }
        }
        return new Result(seed, data, stage1, balanced, h2t, fusedTail);
    }

    /** A uniformly random subset of exactly k of the 2 coordinates. */
    private static boolean[] subset(int k, SplittableRandom random) {
        boolean[] chosen = new boolean[2];
        if (k >= 2) {
            chosen[0] = chosen[1] = true;
        } else if (k == 1) {
            chosen[random.nextInt(2)] = true;
        }
        return chosen;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double[][] points(ToyData data, int[] idx) {
        double[][] x = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            x[i] = data.x()[idx[i]];
        }
        return x;
    }

    private static int[] labels(ToyData data, int[] idx) {
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            y[i] = data.y()[idx[i]];
        }
        return y;
    }
}
