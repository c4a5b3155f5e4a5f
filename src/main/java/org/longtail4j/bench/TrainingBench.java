package org.longtail4j.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.longtail4j.util.ProcessMemory;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.Augmentation;
import org.longtail4j.data.BatchStream;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.HostBatch;
import org.longtail4j.data.ImageDataset;
import org.longtail4j.data.PreparedData;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.parts.RandomStreams;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;
import org.longtail4j.training.PytorchSgd;
import org.longtail4j.training.TrainingStep;

/**
 * Times, side by side in one process, the three things {@code longtail bench} reports:
 *
 * <ul>
 *   <li>engine: the trainer's {@link TrainingStep} with the stage-1 method (plain cross-entropy) on
 *       engine arrays made in advance: forward, backward, {@link PytorchSgd} update, nothing else;
 *   <li>loop: what {@code StageTrainer} does per iteration on the same model: the method's sampler
 *       order, a {@link BatchStream} reading and augmenting on its background thread, the copy into
 *       the engine, and the same step;
 *   <li>stage 2: the step of decoupled re-training with H2T (two backbone passes in training mode
 *       without gradients, fusion, classifier step) on its own model, on arrays made in advance.
 * </ul>
 *
 * <p>Every round times a block of steps of each kind, the order rotating from round to round, so
 * slow phases of a shared machine hit all kinds alike; ratios are taken within a round.
 */
public final class TrainingBench {

    private static final double LR = 0.05;
    private static final double MOMENTUM = 0.9;
    private static final double WEIGHT_DECAY = 5e-4;
    /** Distinct batches made in advance for the bare steps, used in turn. */
    private static final int PREMADE = 4;

    private enum Kind { ENGINE, LOOP, STAGE2 }

    private final BenchOptions o;
    private final PrintStream log;

    public TrainingBench(BenchOptions options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    public BenchReport run() {
        String date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        Engine engine = Engine.getInstance();
        if (o.interopThreads() > 0) {
            JniUtils.setNumInteropThreads(o.interopThreads());
        }
        int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
        JniUtils.setNumThreads(threads);
        double rssStart = ProcessMemory.residentMiB();

        Data data = data();
        ImageDataset train = data.train;
        Augmentation augmentation = new Augmentation(4, true, data.mean, data.std);
        int classes = train.numClasses();
        RunConfig.ModelConfig modelConfig = new RunConfig.ModelConfig();
        modelConfig.arch = o.arch();
        modelConfig.head = o.head();
        modelConfig.channelsLast = o.channelsLast();

        List<Double> rss = new ArrayList<>();
        Timings timings = new Timings();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                NDManager inputs = NDManager.newBaseManager(Device.cpu());
                PytorchSgd sgd1 = new PytorchSgd(MOMENTUM, WEIGHT_DECAY, false);
                PytorchSgd sgd2 = new PytorchSgd(MOMENTUM, WEIGHT_DECAY, false)) {
            engine.setRandomSeed(org.longtail4j.util.Seeds.engineSeed(o.seed()));
            ImageClassifier model = Models.create(modelConfig, classes, train.channels(), train.height(), train.width(),
                    manager);
            ClassStatistics stats = ClassStatistics.of(train, null);
            TrainingMethod ce = StageComposer.compose("stage1", stage(o.stage1Method()), train.labels(), stats,
                    o.seed());
            ce.prepare(model);
            TrainingStep stage1 = new TrainingStep(ce, model, manager, ce.trainable(model), sgd1,
                    new RandomStreams(o.seed(), "stage1"));
            List<Premade> stage1Inputs = premade(train, augmentation, ce, inputs);

            TrainingStep stage2 = null;
            List<Premade> stage2Inputs = List.of();
            if (o.stage2()) {
                ImageClassifier model2 = Models.create(modelConfig, classes, train.channels(), train.height(),
                        train.width(), manager);
                StageConfig c2 = stage(o.stage2Method());
                c2.transform = o.h2tP() > 0 ? Map.of("type", "h2t", "p", o.h2tP()) : "none";
                TrainingMethod dr = StageComposer.compose("stage2", c2, train.labels(), stats, o.seed());
                dr.prepare(model2);
                stage2 = new TrainingStep(dr, model2, manager, dr.trainable(model2), sgd2,
                        new RandomStreams(o.seed(), "stage2"));
                stage2Inputs = premade(train, augmentation, dr, inputs);
                log.println("bench: stage-2 step of " + dr.describe());
            }
            Loop loop = new Loop(train, augmentation, ce, stage1);

            log.printf(Locale.ROOT, "bench: %s, batch %d, %dx%dx%d, %d classes, %s, %d threads; warming up%n",
                    o.arch(), o.batch(), train.channels(), train.height(), train.width(), classes, o.dataset(), threads);
            List<Kind> kinds = new ArrayList<>(List.of(Kind.ENGINE, Kind.LOOP));
            if (stage2 != null) {
                kinds.add(Kind.STAGE2);
            }
            for (Kind kind : kinds) {
                block(kind, o.warmup(), stage1, stage1Inputs, stage2, stage2Inputs, loop, null);
            }
            for (int round = 0; round < o.reps(); round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", round + 1, o.reps()));
                ProcessCounters roundStart = ProcessCounters.now();
                long roundNanos = System.nanoTime();
                for (int k = 0; k < kinds.size(); k++) {
                    Kind kind = kinds.get((round + k) % kinds.size());
                    double seconds = block(kind, o.steps(), stage1, stage1Inputs, stage2, stage2Inputs, loop, timings);
                    timings.blocks.get(kind.ordinal()).add(seconds);
                }
                for (Kind kind : kinds) {
                    List<Double> b = timings.blocks.get(kind.ordinal());
                    line.append(String.format(Locale.ROOT, " %s %.1f img/s", kind.name().toLowerCase(Locale.ROOT),
                            o.steps() * o.batch() / b.get(b.size() - 1)));
                }
                rss.add(ProcessMemory.residentMiB());
                BenchReport.Costs roundCosts = BenchReport.Costs.of(1, (System.nanoTime() - roundNanos) / 1e9,
                        ProcessCounters.now().since(roundStart));
                log.println(line.append(String.format(Locale.ROOT, ", rss %.0f MiB, other processes %.2f cores",
                        rss.get(rss.size() - 1), roundCosts.otherProcessesCpuOverWall())));
            }
            loop.close();
        }
        return report(date, train, threads, timings, rssStart, ProcessMemory.residentMiB());
    }

    private StageConfig stage(String method) {
        StageConfig c = new StageConfig();
        c.method = method;
        // one epoch, the first: parts that depend on the epoch (BBN's alpha) take their starting values
        c.epochs = 1;
        c.batchSize = o.batch();
        c.lr = LR;
        c.momentum = MOMENTUM;
        c.weightDecay = WEIGHT_DECAY;
        return c;
    }

    /** Runs {@code steps} steps of one kind; returns the block's wall time in seconds. */
    private double block(Kind kind, int steps, TrainingStep stage1, List<Premade> stage1Inputs, TrainingStep stage2,
            List<Premade> stage2Inputs, Loop loop, Timings timings) {
        ProcessCounters before = ProcessCounters.now();
        long start = System.nanoTime();
        if (kind == Kind.LOOP) {
            loop.startBlock();
        }
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            switch (kind) {
                case ENGINE -> {
                    Premade p = stage1Inputs.get(i % stage1Inputs.size());
                    stage1.runOnArrays(p.images, p.labels, LR, 0, i);
                }
                case STAGE2 -> {
                    Premade p = stage2Inputs.get(i % stage2Inputs.size());
                    stage2.runOnArrays(p.images, p.labels, LR, 0, i);
                }
                case LOOP -> loop.step();
            }
            if (timings != null) {
                timings.steps.get(kind.ordinal()).add((System.nanoTime() - t) / 1e9);
            }
        }
        if (kind == Kind.LOOP) {
            loop.endBlock();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (timings != null) {
            int k = kind.ordinal();
            timings.counters[k] = timings.counters[k].plus(ProcessCounters.now().since(before));
        }
        return seconds;
    }

    /**
     * The trainer's loop, continued across blocks: every block opens a fresh batch stream (as every
     * epoch does) and moves to the next epoch's order when one runs out.
     */
    private final class Loop implements AutoCloseable {
        private final ImageDataset train;
        private final Augmentation augmentation;
        private final TrainingMethod method;
        private final TrainingStep step;
        private int epoch;
        private int iteration;
        private BatchStream stream;

        Loop(ImageDataset train, Augmentation augmentation, TrainingMethod method, TrainingStep step) {
            this.train = train;
            this.augmentation = augmentation;
            this.method = method;
            this.step = step;
        }

        void startBlock() {
            open();
        }

        private void open() {
            close();
            stream = new BatchStream(train, augmentation, true, method.epochOrders(epoch), o.batch(), o.seed(), epoch,
                    o.prefetch());
            iteration = 0;
        }

        void step() {
            if (!stream.hasNext()) {
                epoch++;
                open();
            }
            List<HostBatch> batches = stream.next();
            step.run(batches, LR, epoch, iteration++);
        }

        void endBlock() {
            close();
            // The next block reads the following epoch's order: fresh batches, as in training.
            epoch++;
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }

    /** Engine arrays of a few batches of the method's streams, made in advance through the real pipeline. */
    private List<Premade> premade(ImageDataset train, Augmentation augmentation, TrainingMethod method,
            NDManager owner) {
        List<Premade> out = new ArrayList<>();
        try (BatchStream stream = new BatchStream(train, augmentation, true, method.epochOrders(0), o.batch(), o.seed(),
                0, 0)) {
            while (out.size() < PREMADE && stream.hasNext()) {
                List<HostBatch> batches = stream.next();
                if (batches.get(0).size() < o.batch()) {
                    break;
                }
                List<NDArray> images = new ArrayList<>();
                List<NDArray> labels = new ArrayList<>();
                for (HostBatch b : batches) {
                    images.add(b.images(owner));
                    labels.add(b.labelArray(owner));
                }
                out.add(new Premade(images, labels));
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException("the training set has fewer than " + o.batch() + " images for a full batch");
        }
        return out;
    }

    private record Premade(List<NDArray> images, List<NDArray> labels) {}

    private record Data(ImageDataset train, float[] mean, float[] std) {}

    private Data data() {
        if (o.synthetic()) {
            return new Data(synthetic(), mean(o.channels(), 0.5f), mean(o.channels(), 0.25f));
        }
        if (!"fashion-mnist".equals(o.dataset())) {
            throw new BadInputException("--dataset is " + o.dataset() + ", expected fashion-mnist or synthetic");
        }
        RunConfig.DataConfig config = new RunConfig.DataConfig();
        config.dataset = "fashion-mnist";
        config.root = o.dataRoot();
        PreparedData prepared = DataSources.prepare(config, o.seed());
        return new Data(prepared.train(), prepared.mean(), prepared.std());
    }

    private static float[] mean(int channels, float value) {
        float[] v = new float[channels];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /** Random bytes, every class present, enough images for the loop to run a block within one epoch. */
    private ImageDataset synthetic() {
        int n = Math.max(o.batch() * (o.steps() + 1), Math.max(o.classes(), o.batch() * PREMADE));
        int imageBytes = o.channels() * o.size() * o.size();
        byte[] pixels = new byte[n * imageBytes];
        SplittableRandom random = new SplittableRandom(o.seed());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % o.classes();
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < o.classes(); c++) {
            names.add("class" + c);
        }
        return new ImageDataset("synthetic", pixels, labels, o.channels(), o.size(), o.size(), names);
    }

    /** Block times and single-step times per kind. */
    private static final class Timings {
        final List<List<Double>> blocks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final List<List<Double>> steps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final ProcessCounters[] counters = {ProcessCounters.zero(), ProcessCounters.zero(), ProcessCounters.zero()};
    }

    private BenchReport report(String date, ImageDataset train, int threads, Timings t, double rssStart,
            double rssEnd) {
        int rounds = o.reps();
        double perBlock = (double) o.steps() * o.batch();
        double[] engine = new double[rounds];
        double[] loop = new double[rounds];
        double[] loopOverEngine = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            engine[r] = perBlock / t.blocks.get(Kind.ENGINE.ordinal()).get(r);
            loop[r] = perBlock / t.blocks.get(Kind.LOOP.ordinal()).get(r);
            loopOverEngine[r] = loop[r] / engine[r];
        }
        Summary stage2 = null;
        Summary stage2OverStage1 = null;
        Summary stage2Ms = null;
        if (o.stage2()) {
            double[] s2 = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double seconds = t.blocks.get(Kind.STAGE2.ordinal()).get(r);
                s2[r] = perBlock / seconds;
                ratio[r] = seconds / t.blocks.get(Kind.ENGINE.ordinal()).get(r);
            }
            stage2 = Summary.of(s2);
            stage2OverStage1 = Summary.of(ratio);
            stage2Ms = milliseconds(t.steps.get(Kind.STAGE2.ordinal()));
        }
        Summary engineSummary = Summary.of(engine);
        Summary loopSummary = Summary.of(loop);
        Summary ratioSummary = Summary.of(loopOverEngine);
        BenchReport.Setup setup = new BenchReport.Setup(o.arch(), o.batch(), o.dataset(), train.size(),
                train.channels(), train.height(), train.numClasses(), threads, JniUtils.getNumInteropThreads(),
                o.warmup(), rounds, o.steps(), o.prefetch(), o.stage2() ? o.h2tP() : 0, "fp32",
                o.channelsLast() ? "channels-last" : "nchw");
        return new BenchReport(date, setup, engineSummary.median(), loopSummary.median(), ratioSummary.median(),
                stage2OverStage1 == null ? null : stage2OverStage1.median(), stage2 == null ? null : stage2.median(),
                engineSummary, loopSummary, stage2, ratioSummary, stage2OverStage1,
                milliseconds(t.steps.get(Kind.ENGINE.ordinal())), milliseconds(t.steps.get(Kind.LOOP.ordinal())),
                stage2Ms, rssStart, rssEnd, costs(t), platform());
    }

    private Map<String, BenchReport.Costs> costs(Timings t) {
        Map<String, BenchReport.Costs> out = new java.util.LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            List<Double> blocks = t.blocks.get(kind.ordinal());
            if (!blocks.isEmpty()) {
                double wall = blocks.stream().mapToDouble(Double::doubleValue).sum();
                out.put(kind.name().toLowerCase(Locale.ROOT),
                        BenchReport.Costs.of(blocks.size() * o.steps(), wall, t.counters[kind.ordinal()]));
            }
        }
        return out;
    }

    private static Summary milliseconds(List<Double> seconds) {
        return Summary.of(seconds.stream().mapToDouble(s -> s * 1000).toArray());
    }

    /** The engine, the JVM's flags and the environment variables that steer threads and memory. */
    static BenchReport.Platform platform() {
        Map<String, String> env = new TreeMap<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (isPerformanceVariable(e.getKey())) {
                env.put(e.getKey(), e.getValue());
            }
        }
        Engine engine = Engine.getInstance();
        return new BenchReport.Platform(engine.getEngineName() + " " + engine.getVersion(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), env);
    }

    static boolean isPerformanceVariable(String name) {
        for (String prefix : List.of("OMP_", "GOMP_", "KMP_", "MKL_", "DNNL_", "ONEDNN_", "MALLOC_", "LD_PRELOAD",
                "LONGTAIL_", "TORCH_", "PYTORCH_")) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
