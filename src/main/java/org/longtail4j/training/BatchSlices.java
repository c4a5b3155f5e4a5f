package org.longtail4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * How one training batch is cut into slices whose gradients add up to the full batch's: the rule a
 * data-parallel step needs (one slice per GPU) and gradient accumulation (micro-batches on one device).
 *
 * <p>Every method's loss is a mean over its batch. DJL's own multi-device training (EasyTrain with
 * LocalParameterServer) sums the slices' gradients, so N equal slices give N times the full-batch
 * gradient (large-scale.md 7.3). Here each slice's loss is weighted by its share of the batch,
 * {@code size / batch}, before backward: the weighted sum of slice means is the batch mean, also when
 * the batch does not divide evenly (the last batch of an epoch).
 *
 * <p>Slices are contiguous ranges of rows, the same ranges for every batch stream of a step, so that
 * H2T's instance and balanced batches stay paired.
 */
public final class BatchSlices {

    private BatchSlices() {}

    /**
     * One slice: rows {@code [from, to)} of every batch, and the weight of its loss.
     *
     * @param weight {@code (to - from) / batch}
     */
    public record Slice(int from, int to, float weight) {

        /** Rows {@code [from, to)} of each array (a view where the engine allows). */
        public List<NDArray> of(List<NDArray> arrays) {
            List<NDArray> out = new ArrayList<>(arrays.size());
            for (NDArray a : arrays) {
                out.add(a.get(new NDIndex("{}:{}", from, to)));
            }
            return out;
        }
    }

    /**
     * At most {@code count} slices of a batch of {@code batch} rows, as equal as can be (sizes differ by at
     * most one, the larger first); fewer when the batch has fewer rows, never an empty slice.
     */
    public static List<Slice> of(int batch, int count) {
        if (batch < 1 || count < 1) {
            throw new IllegalArgumentException("batch " + batch + " into " + count + " slices");
        }
        int slices = Math.min(batch, count);
        List<Slice> out = new ArrayList<>(slices);
        int from = 0;
        for (int i = 0; i < slices; i++) {
            int size = batch / slices + (i < batch % slices ? 1 : 0);
            out.add(new Slice(from, from + size, (float) size / batch));
            from += size;
        }
        return out;
    }
}
