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
import org.longtail4j.util.Seeds;
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

    /** The random stream the validation images are drawn from, apart from the stream of the kept images. */
    private static final long VALIDATION_STREAM = 0x76616C6964L; // "valid"

    private final int[] indices;
    private final int[] classCounts;
    private final int[] rankToLabel;
    private final String description;
    private final int[] validation;
    private final int validationPerClass;

    private LongTailSplit(int[] indices, int[] classCounts, int[] rankToLabel, String description, int[] validation,
            int validationPerClass) {
        this.indices = indices;
        this.classCounts = classCounts;
        this.rankToLabel = rankToLabel;
        this.description = description;
        this.validation = validation;
        this.validationPerClass = validationPerClass;
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
        return create(balanced, profile, order, seed, maxPerClass, 0);
    }

    /**
     * As {@link #create(LabelledImages, LongTailProfile, ClassOrder, long, int)}, with {@code validationPerClass}
     * images of every class held out as a validation set (0 = none: exactly the split without validation).
     *
     * <p>The kept images are drawn exactly as without validation, and the validation images are chosen so
     * that the training images move as little as possible. Per class, after the class's kept prefix of
     * quota q is drawn: the validation images are a uniform choice among the images the profile leaves
     * unused (the same partial shuffle continued from position q, with draws from a stream of its own so
     * that the next classes' kept images do not change). Only where a class has fewer than N unused images
     * (a head class that keeps every image) is the shortfall taken from the end of its kept prefix, which
     * shrinks by that much; the prefix is in random draw order, so its end is a uniform choice too.
     *
     * @throws BadInputException naming the class and its counts when a class has fewer than N + 1 images
     *     (it would keep no training image)
     */
    public static LongTailSplit create(LabelledImages balanced, LongTailProfile profile, ClassOrder order, long seed,
            int maxPerClass, int validationPerClass) {
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

        int n = validationPerClass;
        if (n < 0) {
            throw new IllegalArgumentException("validation images per class " + n);
        }
        for (int label = 0; label < numClasses && n > 0; label++) {
            if (available[label] < n + 1) {
                throw new BadInputException("config key 'data.validation_per_class' is " + n + ", but class " + label
                        + " (" + balanced.classNames().get(label) + ") of " + balanced.name() + " has only "
                        + available[label] + " images; expected at most " + (available[label] - 1)
                        + " so that it keeps a training image");
            }
        }

        int[][] members = ClassMembers.positionsByLabel(balanced.labels(), numClasses);
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = quota.clone();
        int[] kept = new int[Arrays.stream(quota).sum()];
        int[] held = new int[n * numClasses];
        int filled = 0;
        int fromKept = 0;
        for (int label = 0; label < numClasses; label++) {
            int[] pool = members[label];
            int q = quota[label];
            Shuffle.partial(pool, q, random);
            int unused = Math.min(n, pool.length - q);
            int shortfall = n - unused;
            if (n > 0) {
                Shuffle.partial(pool, q, unused, Seeds.stream(seed, VALIDATION_STREAM, label));
                System.arraycopy(pool, q - shortfall, held, label * n, n); // end of the prefix, then the unused
            }
            counts[label] = q - shortfall;
            fromKept += shortfall;
            System.arraycopy(pool, 0, kept, filled, counts[label]);
            filled += counts[label];
        }
        kept = Arrays.copyOf(kept, filled);
        Arrays.sort(kept);
        Arrays.sort(held);
        String text = profile.description() + ", n_max " + nMax + "; class order " + order.description()
                + "; images seed " + seed + "; from " + balanced.name();
        if (n > 0) {
            text += "; validation: " + n + " images per class held out from the training images ("
                    + held.length + " in all, validation_indices.txt), taken from the images the profile leaves "
                    + "unused" + (fromKept > 0 ? " and, where a class has too few of those, from its kept images ("
                    + fromKept + " images)" : "");
        }
        return new LongTailSplit(kept, counts, rankToLabel, text, held, n);
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
        return new LongTailSplit(kept, counts, ClassMembers.mostFrequentFirst(counts), "indices from " + file + " into " + dataset.name(),
                new int[0], 0);
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
        write(file, indices);
    }

    /** Writes the validation indices as {@link #writeIndexFile} writes the kept ones. */
    public void writeValidationIndexFile(Path file) {
        write(file, validation);
    }

    private static void write(Path file, int[] indices) {
        try {
            Files2.writeAtomically(file, indexText(indices)); // a kill or a full disk leaves no half-written list
        } catch (IOException e) {
            throw new BadInputException("cannot write index file " + file + ": " + IoErrors.reason(e), e);
        }
    }

    /** The text of an index file: one index per line, each line ended by "\n". */
    public static String indexText(int[] indices) {
        StringBuilder text = new StringBuilder(indices.length * 6);
        for (int index : indices) {
            text.append(index).append('\n');
        }
        return text.toString();
    }

    /** Kept images as indices into the original dataset, ascending. */
    public int[] indices() {
        return indices.clone();
    }

    /**
     * The held-out validation images as indices into the original dataset, ascending (disjoint from
     * {@link #indices()}); empty when the split has no validation set.
     */
    public int[] validationIndices() {
        return validation.clone();
    }

    /** Validation images per class (0 = no validation set). */
    public int validationPerClass() {
        return validationPerClass;
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
