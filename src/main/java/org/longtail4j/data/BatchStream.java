package org.longtail4j.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.longtail4j.util.Seeds;

/**
 * The batches of one epoch, made ahead of the training step on a pool of worker threads.
 *
 * <p>Takes one epoch order per sampler (H2T uses two: class-balanced and instance) and yields, per
 * iteration, one batch from each, cut at the same positions so that batch i of every stream has the
 * same size (the last may be short). The augmentation draws of batch i of stream s come from
 * {@code Seeds.stream(seed, epoch, s, i)} (one generator per batch, or with
 * {@link SampleMaker#drawsPerSample()} one per sample keyed by its position b in the batch,
 * {@code Seeds.stream(seed, epoch, s, i, b)}), so the batches depend neither on the prefetch depth nor on
 * the number of workers nor on which worker made which batch.
 *
 * <p>Each worker makes whole iterations. At most {@code max(prefetch, workers)} iterations are queued or
 * being made, plus the one the caller holds: resident memory for batches is bounded by
 * {@code (max(prefetch, workers) + 1) * streams * B * C * H * W * 4} bytes, whatever the dataset's size.
 *
 * <p>A sample whose image cannot be read, when the maker's policy is to skip it, is left out of its
 * batch, which is then shorter than the batches of the other streams of that iteration.
 */
public final class BatchStream implements Iterator<List<HostBatch>>, AutoCloseable {

    private static final long AUGMENT_STREAM = 0xA06;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final LabelledImages data;
    private final SampleMaker maker;
    private final boolean train;
    private final List<int[]> orders;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final int batches;
    private final int ahead;
    private final ExecutorService workers;
    private final Queue<Future<List<HostBatch>>> queued = new ArrayDeque<>();
    private int submitted;
    private int delivered;

    /**
     * The small in-memory datasets: {@code augmentation} on {@code data}, one background thread.
     *
     * @param orders one sequence of dataset positions per stream, all of the same length
     * @param train whether to augment (training) or only normalise (evaluation)
     * @param prefetch batches made ahead on a background thread (0: made on the caller's thread)
     */
    public BatchStream(ImageDataset data, Augmentation augmentation, boolean train, List<int[]> orders,
            int batchSize, long seed, int epoch, int prefetch) {
        this(data, augmentation.maker(data), train, orders, batchSize, seed, epoch, prefetch, 1);
    }

    /**
     * Any set of images, made into samples by {@code maker} on {@code workers} threads.
     *
     * @param orders one sequence of dataset positions per stream, all of the same length
     * @param train whether to draw random transforms (training) or not (evaluation: null generators)
     * @param prefetch iterations made ahead of the caller (0: made on the caller's thread, no workers)
     * @param workers threads making iterations when {@code prefetch > 0}; at least 1
     */
    public BatchStream(LabelledImages data, SampleMaker maker, boolean train, List<int[]> orders,
            int batchSize, long seed, int epoch, int prefetch, int workers) {
        int length = orders.get(0).length;
        for (int[] order : orders) {
            if (order.length != length) {
                throw new IllegalArgumentException("streams of one epoch must have the same length");
            }
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers + ", expected at least 1");
        }
        this.data = data;
        this.maker = maker;
        this.train = train;
        this.orders = List.copyOf(orders);
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.batches = (length + batchSize - 1) / batchSize;
        this.ahead = prefetch > 0 ? Math.max(prefetch, workers) : 0;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.workers = prefetch > 0 ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, workers == 1 ? "longtail-batches"
                    : "longtail-batches-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }) : null;
        for (int i = 0; i < ahead; i++) {
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
        if (workers == null) {
            return make(delivered++);
        }
        submitNext();
        try {
            List<HostBatch> result = queued.remove().get();
            delivered++;
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("making a batch failed: " + e.getCause(), e.getCause());
        }
    }

    private void submitNext() {
        if (workers != null && submitted < batches) {
            int i = submitted++;
            queued.add(workers.submit(() -> make(i)));
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
        int imageFloats = maker.channels() * maker.height() * maker.width();
        float[] pixels = new float[n * imageFloats];
        int[] labels = new int[n];
        int[] indices = new int[n];
        boolean perSample = maker.drawsPerSample();
        SplittableRandom batchRandom = train && !perSample
                ? Seeds.stream(seed, AUGMENT_STREAM, epoch, stream, iteration) : null;
        int kept = 0;
        for (int b = 0; b < n; b++) {
            int index = order[from + b];
            SplittableRandom random = !train ? null
                    : perSample ? Seeds.stream(seed, AUGMENT_STREAM, epoch, stream, iteration, b) : batchRandom;
            if (maker.write(index, random, pixels, kept * imageFloats)) {
                indices[kept] = index;
                labels[kept] = data.label(index);
                kept++;
            }
        }
        if (kept < n) {
            pixels = Arrays.copyOf(pixels, kept * imageFloats);
            labels = Arrays.copyOf(labels, kept);
            indices = Arrays.copyOf(indices, kept);
        }
        return new HostBatch(pixels, labels, indices, maker.channels(), maker.height(), maker.width());
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
