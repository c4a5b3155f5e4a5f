package org.longtail4j.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.longtail4j.data.BatchStream;
import org.longtail4j.data.HostBatch;
import org.longtail4j.data.files.ImageFiles;
import org.longtail4j.data.files.ImageFolder;
import org.longtail4j.data.images.Decoders;
import org.longtail4j.data.images.FileSampleMaker;
import org.longtail4j.data.images.ImageDecoder;
import org.longtail4j.data.images.Normalisation;
import org.longtail4j.util.ProcessMemory;

/**
 * Times the input pipeline alone on an image folder: read + decode + RandomResizedCrop(224) + flip +
 * ColorJitter(0.4, 0.4, 0.4, 0) + normalise + batching, on {@code workers} threads with
 * {@code 2 x workers} batches in flight, as /work/shared/bench/torchvision_pipeline.py measures a
 * torchvision DataLoader (prefetch_factor 2 per worker): samples drawn uniformly with replacement, the
 * clock started when the last warm-up batch arrives.
 *
 * <p>Reported: {@code pipeline_images_per_second} = timed images / wall time of the timed batches (the
 * script's {@code images_per_second_overall}); the median of per-batch rates as well (the script's
 * {@code images_per_second}; with several workers batches arrive in bursts, so it swings widely); and the
 * process's CPU time (user + system) per timed image, which a machine shared with other work disturbs less;
 * and the resident memory after the warm-up and its maximum while timed (it should not grow with the
 * number of batches: nothing is kept).
 */
public final class PipelineBench {

    /** What was measured, printed as text or one JSON line. */
    public record Result(
            @JsonProperty("folder") String folder,
            @JsonProperty("images") int images,
            @JsonProperty("decoder") String decoder,
            @JsonProperty("workers") int workers,
            @JsonProperty("batch") int batch,
            @JsonProperty("batches") int batches,
            @JsonProperty("jitter") boolean jitter,
            @JsonProperty("pipeline_images_per_second") double imagesPerSecond,
            @JsonProperty("pipeline_images_per_second_median_batch") double medianBatchRate,
            @JsonProperty("cpu_ms_per_image") double cpuMsPerImage,
            @JsonProperty("rss_mib_after_warmup") double rssAfterWarmup,
            @JsonProperty("rss_mib_max_timed") double rssMaxTimed) {

        /** Two lines for people. */
        public String text() {
            return String.format("longtail pipeline, decoder %s, workers %d, batch %d, jitter %s, images %d%n"
                    + "pipeline_images_per_second: %.1f%npipeline_images_per_second_median_batch: %.1f%n"
                    + "cpu_ms_per_image: %.2f%nresident MiB after warm-up %.0f, at most %.0f while timed%n",
                    decoder, workers, batch, jitter, images, imagesPerSecond, medianBatchRate, cpuMsPerImage,
                    rssAfterWarmup, rssMaxTimed);
        }
    }

    private PipelineBench() {}

    /**
     * @param warmup batches received before timing starts
     * @param batches timed batches
     */
    public static Result run(Path folder, String decoderName, int workers, int batch, int batches, int warmup,
            boolean jitter, long seed, PrintStream progress) {
        ImageFiles files = ImageFolder.read(folder, "bench");
        ImageDecoder decoder = Decoders.named(decoderName, "--decoder");
        FileSampleMaker maker = FileSampleMaker.train(files, decoder, 224, jitter ? 0.4 : 0,
                new Normalisation(Normalisation.IMAGENET_MEAN, Normalisation.IMAGENET_STD), FileSampleMaker.OnBadImage.STOP);
        int total = batch * (batches + warmup);
        int[] order = new int[total];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < total; i++) {
            order[i] = random.nextInt(files.size());
        }
        progress.printf("pipeline bench: %d images in %s, decoder %s, %d workers, batch %d%n", files.size(), folder,
                decoder.name(), workers, batch);
        List<Double> rates = new ArrayList<>();
        ProcessCounters cpuStart = null;
        double rssStart = 0;
        double rssMax = 0;
        long start = 0;
        long previous = System.nanoTime();
        try (BatchStream stream = new BatchStream(files, maker, true, List.of(order), batch, seed, 0, 2 * workers, workers)) {
            for (int i = 0; stream.hasNext(); i++) {
                HostBatch b = stream.next().get(0);
                long now = System.nanoTime();
                if (i == warmup - 1) {
                    start = now;
                    cpuStart = ProcessCounters.now();
                    rssStart = ProcessMemory.residentMiB();
                }
                if (i >= warmup) {
                    rssMax = Math.max(rssMax, ProcessMemory.residentMiB());
                }
                if (i >= warmup) {
                    rates.add(b.size() / ((now - previous) / 1e9));
                }
                previous = now;
            }
        }
        if (warmup == 0) {
            throw new IllegalArgumentException("at least one warm-up batch is needed to start the clock");
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        ProcessCounters cpu = ProcessCounters.now().since(cpuStart);
        double overall = (double) batch * batches / ((previous - start) / 1e9);
        double cpuMs = 1000 * (cpu.userSeconds() + cpu.systemSeconds()) / ((double) batch * batches);
        return new Result(folder.toString(), files.size(), decoder.name(), workers, batch, batches, jitter,
                Math.round(overall * 10) / 10.0, Math.round(median * 10) / 10.0, Math.round(cpuMs * 100) / 100.0,
                Math.round(rssStart), Math.round(rssMax));
    }
}
