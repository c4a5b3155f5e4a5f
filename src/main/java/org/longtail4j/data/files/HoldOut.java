package org.longtail4j.data.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.longtail4j.BadInputException;
import org.longtail4j.data.LabelledImages;
import org.longtail4j.util.Shuffle;

/**
 * A seeded, stratified hold-out: takes a validation set out of a single training tree, class by class,
 * never taking a class's last training image.
 *
 * <p>Class c with n_c images gives {@code min(k, n_c - 1)} images when k per class is asked, or
 * {@code min(floor(fraction * n_c), n_c - 1)} for a fraction. Which images: classes visited in label order,
 * each draws by a partial Fisher-Yates shuffle of its indices (in set order) from one
 * {@code SplittableRandom(seed)}. Both parts keep set order.
 */
public final class HoldOut {

    /** The two parts, as indices into the original set, ascending. */
    public record Parts(int[] train, int[] heldOut, String description) {}

    private HoldOut() {}

    /** Holds out a fraction of each class (0 &lt; fraction &lt; 1). */
    public static Parts fraction(LabelledImages data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new BadInputException("hold-out fraction " + fraction + ": expected a number between 0 and 1");
        }
        int[] counts = data.classCounts();
        int[] take = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            take[c] = Math.max(0, Math.min((int) Math.floor(fraction * counts[c]), counts[c] - 1));
        }
        return split(data, take, seed, "held out floor(" + fraction + " x n) per class, at most n - 1, seed " + seed);
    }

    /** Holds out k images of each class (fewer where a class has at most k). */
    public static Parts perClass(LabelledImages data, int k, long seed) {
        if (k < 1) {
            throw new BadInputException("hold-out per class " + k + ": expected at least 1");
        }
        int[] counts = data.classCounts();
        int[] take = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            take[c] = Math.max(0, Math.min(k, counts[c] - 1));
        }
        return split(data, take, seed, "held out " + k + " per class, at most n - 1, seed " + seed);
    }

    private static Parts split(LabelledImages data, int[] take, long seed, String description) {
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < take.length; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            members.get(data.label(i)).add(i);
        }
        boolean[] held = new boolean[data.size()];
        SplittableRandom random = new SplittableRandom(seed);
        int heldCount = 0;
        for (int c = 0; c < take.length; c++) {
            int[] pool = members.get(c).stream().mapToInt(Integer::intValue).toArray();
            Shuffle.partial(pool, take[c], random);
            for (int k = 0; k < take[c]; k++) {
                held[pool[k]] = true;
            }
            heldCount += take[c];
        }
        int[] train = new int[data.size() - heldCount];
        int[] out = new int[heldCount];
        int t = 0;
        int h = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                out[h++] = i;
            } else {
                train[t++] = i;
            }
        }
        Arrays.sort(out);
        return new Parts(train, out, description);
    }
}
