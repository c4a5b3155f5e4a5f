package org.longtail4j.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.longtail4j.data.ClassGroups;

/**
 * Collects a test pass batch by batch and turns it into an {@link EvaluationResult}.
 *
 * <p>Only counts are kept (confusion matrix, top-k hits, per-bin confidence sums), never the scores, so
 * evaluating ImageNet-LT or iNaturalist does not hold N x C floats in memory.
 *
 * <p>Scores are probabilities (already softmaxed), row-major, one row of C per sample. The prediction is
 * the argmax; among equal scores the lowest class index wins. The same order decides top-k: the true
 * class is a hit when fewer than k classes rank before it, a class ranking before it when its score is
 * higher, or equal with a lower index. This makes results independent of any sort's tie behaviour.
 */
public final class EvaluationAccumulator {

    private final ClassGroups groups;
    private final int numClasses;
    private final int k;
    /** Kept only up to MAX_CONFUSION_CLASSES classes; empty above. */
    private final int[][] confusion;
    /** Test images and correct top-1 predictions per true class. */
    private final long[] classTotal;
    private final long[] classCorrect;
    private final long[] binCount;
    private final long[] binCorrect;
    private final double[] binConfidence;
    private int samples;
    private long topKHits;
    /** Experts used, summed over the images of a routed prediction; NaN until one is added. */
    private double expertsUsed = Double.NaN;
    private long routedImages;

    /** @param groups the many/medium/few partition; its class count is C */
    public EvaluationAccumulator(ClassGroups groups) {
        this.groups = groups;
        this.numClasses = groups.numClasses();
        this.k = Math.min(5, numClasses);
        this.confusion = numClasses <= MAX_CONFUSION_CLASSES ? new int[numClasses][numClasses] : new int[0][];
        this.classTotal = new long[numClasses];
        this.classCorrect = new long[numClasses];
        this.binCount = new long[ConfidenceBins.COUNT];
        this.binCorrect = new long[ConfidenceBins.COUNT];
        this.binConfidence = new double[ConfidenceBins.COUNT];
    }

    /** Evaluates one whole test pass at once. */
    public static EvaluationResult evaluate(float[] probabilities, int[] labels, ClassGroups groups) {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(groups);
        accumulator.add(probabilities, labels);
        return accumulator.result();
    }

    /**
     * Adds one batch.
     *
     * @param probabilities labels.length x C scores, row-major
     * @param labels true label of each row
     * @throws IllegalArgumentException on a size mismatch, a label outside 0..C-1 or a non-finite score
     *     (nothing of the batch is added then)
     */
    public void add(float[] probabilities, int[] labels) {
        if (probabilities.length != (long) labels.length * numClasses) {
            throw new IllegalArgumentException(probabilities.length + " scores for " + labels.length + " labels and "
                    + numClasses + " classes");
        }
        for (int row = 0; row < labels.length; row++) {
            if (labels[row] < 0 || labels[row] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[row] + " of row " + row + ", expected 0.."
                        + (numClasses - 1));
            }
            for (int c = 0; c < numClasses; c++) {
                if (!Float.isFinite(probabilities[row * numClasses + c])) {
                    throw new IllegalArgumentException("score " + probabilities[row * numClasses + c] + " at row "
                            + row + ", class " + c + ": expected finite probabilities");
                }
            }
        }
        for (int row = 0; row < labels.length; row++) {
            addRow(probabilities, row * numClasses, labels[row]);
        }
    }

    private void addRow(float[] scores, int offset, int label) {
        int predicted = 0;
        int before = 0;
        float truth = scores[offset + label];
        for (int c = 0; c < numClasses; c++) {
            float s = scores[offset + c];
            if (s > scores[offset + predicted]) {
                predicted = c;
            }
            if (s > truth || (s == truth && c < label)) {
                before++;
            }
        }
        samples++;
        if (confusion.length > 0) {
            confusion[label][predicted]++;
        }
        classTotal[label]++;
        if (predicted == label) {
            classCorrect[label]++;
        }
        if (before < k) {
            topKHits++;
        }
        double confidence = scores[offset + predicted];
        int bin = ConfidenceBins.of(confidence);
        binCount[bin]++;
        binConfidence[bin] += confidence;
        if (predicted == label) {
            binCorrect[bin]++;
        }
    }

    /**
     * Results keep the full confusion matrix up to this many classes (ImageNet-LT's 1000: about 9 MB of JSON);
     * above it (iNaturalist's 8142: 66 million counts, 400 MB of JSON per results file) they keep none.
     */
    public static final int MAX_CONFUSION_CLASSES = 1000;

    /**
     * The metrics of everything added so far (the accumulator can keep going afterwards); the confusion
     * matrix is empty above {@link #MAX_CONFUSION_CLASSES} classes.
     *
     * @throws IllegalStateException if nothing was added
     */
    public EvaluationResult result() {
        if (samples == 0) {
            throw new IllegalStateException("no test samples added");
        }
        long correct = 0;
        List<Double> perClass = new ArrayList<>(numClasses);
        for (int c = 0; c < numClasses; c++) {
            correct += classCorrect[c];
            perClass.add(classTotal[c] == 0 ? Double.NaN : 100.0 * classCorrect[c] / classTotal[c]);
        }
        return new EvaluationResult(
                samples,
                100.0 * correct / samples,
                100.0 * topKHits / samples,
                k,
                groupMean(perClass, groups.many()),
                groupMean(perClass, groups.medium()),
                groupMean(perClass, groups.few()),
                100.0 * calibrationError(),
                perClass,
                confusion,
                groups,
                reliability(),
                routedImages == 0 ? null : expertsUsed / routedImages);
    }

    /**
     * Adds how many experts each image of a batch used (a routed prediction); the result then reports
     * their mean over the images so added.
     */
    public void addExpertsUsed(float[] perImage) {
        double sum = 0;
        for (float used : perImage) {
            sum += used;
        }
        expertsUsed = (Double.isNaN(expertsUsed) ? 0 : expertsUsed) + sum;
        routedImages += perImage.length;
    }

    /** Each bin's edges, count, accuracy and mean confidence (both in percent, NaN when empty). */
    private List<ReliabilityBin> reliability() {
        List<ReliabilityBin> bins = new ArrayList<>(ConfidenceBins.COUNT);
        for (int b = 0; b < ConfidenceBins.COUNT; b++) {
            double lower = b == 0 ? 0 : ConfidenceBins.upperEdge(b - 1);
            bins.add(new ReliabilityBin(lower, ConfidenceBins.upperEdge(b), binCount[b],
                    binCount[b] == 0 ? Double.NaN : 100.0 * binCorrect[b] / binCount[b],
                    binCount[b] == 0 ? Double.NaN : 100.0 * binConfidence[b] / binCount[b]));
        }
        return bins;
    }

    /** Mean over the group's classes that have test images; NaN if there are none. */
    private static double groupMean(List<Double> perClass, List<Integer> members) {
        double sum = 0;
        int n = 0;
        for (int label : members) {
            double accuracy = perClass.get(label);
            if (!Double.isNaN(accuracy)) {
                sum += accuracy;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Sum over bins of |accuracy - mean confidence| weighted by the bin's share of the samples (a fraction). */
    private double calibrationError() {
        double ece = 0;
        for (int b = 0; b < ConfidenceBins.COUNT; b++) {
            if (binCount[b] > 0) {
                double accuracy = (double) binCorrect[b] / binCount[b];
                double confidence = binConfidence[b] / binCount[b];
                ece += Math.abs(accuracy - confidence) * binCount[b];
            }
        }
        return ece / samples;
    }
}
