package org.longtail4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code longtail bench} run; {@code --json} prints it as one object (snake_case
 * keys). Throughputs are medians over rounds of one block of steps each; ratios are medians of the
 * ratios taken within each round (the kinds were timed side by side), so machine noise that lasts a
 * round cancels.
 *
 * @param engineImagesPerSecond the bare step: forward, backward, optimizer update on arrays made in
 *     advance
 * @param loopImagesPerSecond the training loop: sampling, reading, augmentation, batching and the step
 * @param loopOverEngine loop / engine throughput
 * @param stage2OverStage1 time of a stage-2 step (DR + H2T: two backbone passes without gradients,
 *     classifier step) over the time of a stage-1 step (the bare engine step); null when not measured
 * @param stage2ImagesPerSecond stage-2 steps per second times the batch size (null when not measured)
 */
public record BenchReport(
        String date,
        Setup setup,
        double engineImagesPerSecond,
        double loopImagesPerSecond,
        double loopOverEngine,
        Double stage2OverStage1,
        Double stage2ImagesPerSecond,
        Summary engine,
        Summary loop,
        Summary stage2,
        Summary loopOverEngineRatios,
        Summary stage2OverStage1Ratios,
        Summary engineStepMs,
        Summary loopStepMs,
        Summary stage2StepMs,
        double rssStartMib,
        double rssEndMib,
        Map<String, Costs> costs,
        Platform platform) {

    /** What was measured. */
    public record Setup(String model, int batch, String dataset, int trainImages, int channels, int size, int classes,
            int threads, int interopThreads, int warmup, int rounds, int stepsPerRound, int prefetch, double h2tP,
            String precision, String layout) {}

    /**
     * What a kind's timed steps cost the whole process, per step, summed over all rounds: CPU time in
     * user and kernel mode (all threads; above wall time x threads means spinning), CPU over wall time,
     * minor page faults, and garbage collections.
     */
    public record Costs(double wallMsPerStep, double userMsPerStep, double systemMsPerStep, double cpuOverWall,
            double minorFaultsPerStep, long gcCollections, double gcMsPerStep, double otherProcessesCpuOverWall) {

        public static Costs of(int steps, double wallSeconds, ProcessCounters c) {
            double ms = 1000.0 / steps;
            double own = c.userSeconds() + c.systemSeconds();
            return new Costs(wallSeconds * ms, c.userSeconds() * ms, c.systemSeconds() * ms, own / wallSeconds,
                    (double) c.minorFaults() / steps, c.gcCount(), c.gcSeconds() * ms,
                    Math.max(0, c.machineBusySeconds() - own) / wallSeconds);
        }
    }

    /** Where it was measured. */
    public record Platform(String engine, int availableProcessors, String java, List<String> jvmArguments,
            Map<String, String> environment) {}

    /** A few lines for people. */
    public String text() {
        StringBuilder b = new StringBuilder();
        Setup s = setup;
        b.append(String.format(Locale.ROOT, "%s, batch %d, %dx%dx%d, %d classes, %s (%d training images), %d threads, %s%n",
                s.model(), s.batch(), s.channels(), s.size(), s.size(), s.classes(), s.dataset(), s.trainImages(),
                s.threads(), s.layout()));
        b.append(String.format(Locale.ROOT, "%d rounds of %d steps per kind after %d warm-up steps; median (min - max)%n",
                s.rounds(), s.stepsPerRound(), s.warmup()));
        b.append(String.format(Locale.ROOT, "  engine step     %s images/s%n", engine.describe(1)));
        b.append(String.format(Locale.ROOT, "  training loop   %s images/s%n", loop.describe(1)));
        b.append(String.format(Locale.ROOT, "  loop / engine   %s%n", loopOverEngineRatios.describe(3)));
        if (stage2 != null) {
            b.append(String.format(Locale.ROOT, "  stage-2 step    %s images/s (H2T p %.2f)%n", stage2.describe(1),
                    s.h2tP()));
            b.append(String.format(Locale.ROOT, "  stage2 / stage1 %s (step time)%n", stage2OverStage1Ratios.describe(3)));
        }
        b.append(String.format(Locale.ROOT, "  single steps: engine %s ms, loop %s ms%n", engineStepMs.describe(1),
                loopStepMs.describe(1)));
        for (Map.Entry<String, Costs> e : costs.entrySet()) {
            Costs c = e.getValue();
            b.append(String.format(Locale.ROOT,
                    "  per %s step: %.1f ms wall, CPU %.1f ms user + %.1f ms kernel (%.2f cores busy), %.0f page faults,"
                            + " GC %.2f ms (%d collections in all); other processes kept %.2f cores busy%n",
                    e.getKey(), c.wallMsPerStep(), c.userMsPerStep(), c.systemMsPerStep(), c.cpuOverWall(),
                    c.minorFaultsPerStep(), c.gcMsPerStep(), c.gcCollections(), c.otherProcessesCpuOverWall()));
        }
        b.append(String.format(Locale.ROOT, "  resident memory %.1f MiB at start, %.1f MiB at end%n", rssStartMib,
                rssEndMib));
        return b.toString();
    }
}
