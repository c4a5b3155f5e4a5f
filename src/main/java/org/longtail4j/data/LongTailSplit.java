package org.longtail4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.longtail4j.BadInputException;
import org.longtail4j.reports.Files2;
import org.longtail4j.util.IoErrors;
import org.longtail4j.util.Shuffle;

/**
 * The long-tailed training subset of a balanced dataset: which images are kept, how many per class, and
 * which class sits at which frequency rank.
 *
 * <p>A split is either built here (profile + class order + seeded choice of images within each class) or
 * read from an index file, so that a run can use exactly the images the reference code chose (it picks
 * them with numpy's legacy shuffle, which we do not reproduce). Kept indices are always held in ascending
 * order: a split is a set of images, and ascending order makes two splits comparable line by line.
 */
public final class LongTailSplit {

    private final int[] indices;
    private final int[] classCounts;
    private final int[] rankToLabel;
    private final String description;

    private LongTailSplit(int[] indices, int[] classCounts, int[] rankToLabel, String description) {
        this.indices = indices;
        this.classCounts = classCounts;
        this.rankToLabel = rankToLabel;
        this.description = description;
    }

    /**
     * Cuts {@code balanced} down to {@code profile}.
     *
     * <p>nMax is the smallest class count of {@code balanced} (on a balanced set, simply the per-class
     * count), so every class can supply its quota. Class at rank r is {@code order.rankToLabel(C)[r]} and
     * keeps {@code profile.countsByRank(nMax, C)[r]} images. The images are a uniform random choice within
     * each class: classes are visited in label order and each draws its images by a partial Fisher-Yates
     * shuffle of its indices (in dataset order) from one {@code SplittableRandom(seed)}.
     */
    public static LongTailSplit create(LabelledImages balanced, LongTailProfile profile, ClassOrder order, long seed) {
        return create(balanced, profile, order, seed, 0);
    }

    /**
     * As {@link #create(LabelledImages, LongTailProfile, ClassOrder, long)}, with nMax capped at
     * {@code maxPerClass} when it is positive: a smaller long-tailed set of the same shape, for quick
     * runs (the demo) on a machine without a GPU.
     */
    public static LongTailSplit create(LabelledImages balanced, LongTailProfile profile, ClassOrder order, long seed,
            int maxPerClass) {
        int numClasses = balanced.numClasses();
        int[] available = balanced.classCounts();
        for (int label = 0; label < numClasses; label++) {
            if (available[label] == 0) {
                throw new BadInputException(balanced.name() + ": class " + label + " ("
                        + balanced.classNames().get(label) + ") has no images; a long-tailed subset needs"
                        + " images of every class");
            }
        }
        int nMax = Arrays.stream(available).min().orElseThrow();
        if (maxPerClass > 0) {
            nMax = Math.min(nMax, maxPerClass);
        }
        int[] byRank = profile.countsByRank(nMax, numClasses);
        int[] rankToLabel = order.rankToLabel(numClasses);
        int[] quota = new int[numClasses];
        for (int rank = 0; rank < numClasses; rank++) {
            quota[rankToLabel[rank]] = byRank[rank];
        }

        int[][] members = ClassMembers.positionsByLabel(balanced.labels(), numClasses);
        SplittableRandom random = new SplittableRandom(seed);
        int[] kept = new int[Arrays.stream(quota).sum()];
        int filled = 0;
        for (int label = 0; label < numClasses; label++) {
            int[] pool = members[label];
            Shuffle.partial(pool, quota[label], random);
            System.arraycopy(pool, 0, kept, filled, quota[label]);
            filled += quota[label];
        }
        Arrays.sort(kept);
        String text = profile.description() + ", n_max " + nMax + "; class order " + order.description()
                + "; images seed " + seed + "; from " + balanced.name();
        return new LongTailSplit(kept, quota, rankToLabel, text);
    }

    /**
     * Reads a split written by {@link #writeIndexFile} or by other code: one index into {@code dataset} per
     * line, any order, blank lines ignored. Counts come from the dataset's labels. The file does not record
     * the class order, so it is rebuilt from the counts: most frequent first, ties by label (on a natural
     * exponential split this is the natural order again).
     *
     * @throws BadInputException naming the file and line for a non-integer, an index outside the dataset, a
     *     repeated index, or a file without indices
     */
    public static LongTailSplit readIndexFile(Path file, LabelledImages dataset) {
        boolean[] seen = new boolean[dataset.size()];
        int[] lineOf = new int[dataset.size()];
        int[] indices = new int[16];
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                int index = parseIndex(file, lineNumber, text, dataset);
                if (seen[index]) {
                    throw new BadInputException(file + " line " + lineNumber + ": index " + index
                            + " repeats line " + lineOf[index] + "; expected each image at most once");
                }
                seen[index] = true;
                lineOf[index] = lineNumber;
                if (count == indices.length) {
                    indices = Arrays.copyOf(indices, count * 2);
                }
                indices[count++] = index;
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read index file " + file + ": " + e, e);
        }
        if (count == 0) {
            throw new BadInputException(file + ": no indices; expected one image index per line");
        }
        int[] kept = Arrays.copyOf(indices, count);
        Arrays.sort(kept);
        int[] counts = new int[dataset.numClasses()];
        for (int index : kept) {
            counts[dataset.label(index)]++;
        }
        return new LongTailSplit(kept, counts, ClassMembers.mostFrequentFirst(counts), "indices from " + file + " into " + dataset.name());
    }

    private static int parseIndex(Path file, int lineNumber, String text, LabelledImages dataset) {
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(file + " line " + lineNumber + ": \"" + text + "\" is not an image index;"
                    + " expected one whole number per line (numpy: savetxt(..., fmt=\"%d\"))");
        }
        if (index < 0 || index >= dataset.size()) {
            throw new BadInputException(file + " line " + lineNumber + ": index " + index + " is out of range;"
                    + " expected 0.." + (dataset.size() - 1) + " (" + dataset.name() + " has " + dataset.size()
                    + " images)");
        }
        return index;
    }

    /** Writes the kept indices, ascending, one per line ("\n"), readable by numpy.loadtxt(..., dtype=int). */
    public void writeIndexFile(Path file) {
        StringBuilder text = new StringBuilder(indices.length * 6);
        for (int index : indices) {
            text.append(index).append('\n');
        }
        try {
            Files2.writeAtomically(file, text.toString()); // a kill or a full disk leaves no half-written list
        } catch (IOException e) {
            throw new BadInputException("cannot write index file " + file + ": " + IoErrors.reason(e), e);
        }
    }

    /** Kept images as indices into the original dataset, ascending. */
    public int[] indices() {
        return indices.clone();
    }

    /** Number of kept images. */
    public int size() {
        return indices.length;
    }

    /** Kept images per class, indexed by label. */
    public int[] classCounts() {
        return classCounts.clone();
    }

    /** Label at each frequency rank (index = rank, rank 0 most frequent). */
    public int[] rankToLabel() {
        return rankToLabel.clone();
    }

    /** How the split was made, for reports: profile, class order and seed, or the index file. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " [" + indices.length + " images]";
    }
}
