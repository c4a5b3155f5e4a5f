package org.longtail4j.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.longtail4j.util.Seeds;

/**
 * The batches of one epoch, made ahead of the training step on a background thread.
 *
 * <p>Takes one epoch order per sampler (H2T uses two: class-balanced and instance) and yields, per
 * iteration, one batch from each, cut at the same positions so that batch i of every stream has the
 * same size (the last may be short). The augmentation draws of batch i of stream s in epoch e come from
 * {@code Seeds.stream(seed, AUGMENT_STREAM, e, s, i)}, so the batches do not depend on the prefetch depth.
 */
public final class BatchStream implements Iterator<List<HostBatch>>, AutoCloseable {

    private static final long AUGMENT_STREAM = 0xA06;

    private final ImageDataset data;
    private final Augmentation augmentation;
    private final boolean train;
    private final List<int[]> orders;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final int batches;
    private final ExecutorService worker;
    private final Queue<Future<List<HostBatch>>> ahead = new ArrayDeque<>();
    private int submitted;
    private int delivered;

    /**
     * @param orders one sequence of dataset positions per stream, all of the same length
     * @param train whether to augment (training) or only normalise (evaluation)
     * @param prefetch batches made ahead on a background thread (0: made on the caller's thread)
     */
    public BatchStream(ImageDataset data, Augmentation augmentation, boolean train, List<int[]> orders,
            int batchSize, long seed, int epoch, int prefetch) {
        int length = orders.get(0).length;
        for (int[] order : orders) {
            if (order.length != length) {
                throw new IllegalArgumentException("streams of one epoch must have the same length");
            }
        }
        this.data = data;
        this.augmentation = augmentation;
        this.train = train;
        this.orders = List.copyOf(orders);
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.batches = (length + batchSize - 1) / batchSize;
        this.worker = prefetch > 0 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "longtail-batches");
            t.setDaemon(true);
            return t;
        }) : null;
        for (int i = 0; i < prefetch; i++) {
            submitNext();
        }
    }

    /** Iterations in this epoch: ceil(N / B). */
    public int batches() {
        return batches;
    }

    @Override
    public boolean hasNext() {
        return delivered < batches;
    }

    @Override
    public List<HostBatch> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (worker == null) {
            return make(delivered++);
        }
        submitNext();
        try {
            List<HostBatch> result = ahead.remove().get();
            delivered++;
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("making a batch failed: " + e.getCause(), e.getCause());
        }
    }

    private void submitNext() {
        if (worker != null && submitted < batches) {
            int i = submitted++;
            ahead.add(worker.submit(() -> make(i)));
        }
    }

    private List<HostBatch> make(int iteration) {
        List<HostBatch> result = new ArrayList<>(orders.size());
        for (int s = 0; s < orders.size(); s++) {
            result.add(makeOne(orders.get(s), s, iteration));
        }
        return result;
    }

    private HostBatch makeOne(int[] order, int stream, int iteration) {
        int from = iteration * batchSize;
        int n = Math.min(batchSize, order.length - from);
        int imageFloats = data.imageBytes();
        float[] pixels = new float[n * imageFloats];
        int[] labels = new int[n];
        int[] indices = new int[n];
        var random = train ? Seeds.stream(seed, AUGMENT_STREAM, epoch, stream, iteration) : null;
        for (int b = 0; b < n; b++) {
            int index = order[from + b];
            indices[b] = index;
            labels[b] = data.label(index);
            augmentation.write(data, index, random, pixels, b * imageFloats);
        }
        return new HostBatch(pixels, labels, indices, data.channels(), data.height(), data.width());
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
