package org.longtail4j.cli;

import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.bench.BenchOptions;
import org.longtail4j.bench.BenchReport;
import org.longtail4j.bench.PipelineBench;
import org.longtail4j.bench.TrainingBench;
import org.longtail4j.reports.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the bare engine step against the full training loop (and a stage-2 step), side by side.",
            "Each round times a block of steps of every kind in rotating order; reported are medians and spreads.",
            "Progress goes to stderr, the figures to stdout.",
            "Examples:",
            "  longtail bench",
            "  longtail bench --dataset synthetic --channels 3 --size 32 --classes 100 --json",
            "  longtail bench --pipeline --data IMAGE_FOLDER --workers 2 --batch 64 --json"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "resnet32", description = "CIFAR ResNet: resnet20, resnet32, ..., RIDE's ride-resnet32 or BBN's bbn-resnet32 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--layout", defaultValue = "channels-last",
            description = "Memory layout of the activations: channels-last or nchw, as model.channels_last (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = {"-b", "--batch"}, defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--dataset", defaultValue = "fashion-mnist",
            description = "fashion-mnist (the real files, long-tailed as runs cut them) or synthetic (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "Where Fashion-MNIST is (default: the usual places).")
    String data;

    @Option(names = "--channels", description = "Input channels, synthetic data only (default: 3).")
    Integer channels;

    @Option(names = "--size", description = "Input height and width, synthetic data only (default: 32).")
    Integer size;

    @Option(names = "--classes", description = "Classes, synthetic data only (default: 100).")
    Integer classes;

    @Option(names = "--threads", defaultValue = "0", description = "Engine intra-op threads, 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--interop-threads", defaultValue = "0",
            description = "Engine inter-op threads, 0 = the engine's default (default: ${DEFAULT-VALUE}).")
    int interopThreads;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed steps of each kind first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "7", description = "Rounds; each times every kind once (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--steps", defaultValue = "8", description = "Steps per kind per round (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--prefetch", defaultValue = "2",
            description = "Batches made ahead on the background thread in the loop, as runtime.prefetch (default: ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--head", defaultValue = "linear",
            description = "Head: linear, cosine, reslt or bbn (with bbn-resnet*); one per expert on ride-resnet* (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--stage1-method", defaultValue = "ce", paramLabel = "METHOD",
            description = "Method of the stage-1 step (default: ${DEFAULT-VALUE}; e.g. ride with --model ride-resnet32 --head cosine).")
    String stage1Method;

    @Option(names = "--stage2-method", defaultValue = "dr", paramLabel = "METHOD",
            description = "Method of the stage-2 step, with the H2T transform (default: ${DEFAULT-VALUE}; e.g. mislas).")
    String stage2Method;

    @Option(names = "--h2t-p", defaultValue = "0.25", description = "Fusion ratio of the stage-2 step (default: ${DEFAULT-VALUE}).")
    double h2tP;

    @Option(names = "--no-stage2", negatable = false, description = "Skip the stage-2 measurement.")
    boolean noStage2;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the model, data order and augmentation.")
    long seed;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Option(names = "--pipeline", description = "Time the image-file input pipeline alone (decode + train transforms +"
            + " batching) on the image folder --data, instead of training steps.")
    boolean pipeline;

    @Option(names = "--workers", defaultValue = "2", description = "--pipeline: decoding threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batches", defaultValue = "30", description = "--pipeline: timed batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--decoder", defaultValue = "auto", description = "--pipeline: auto, opencv or imageio (default: ${DEFAULT-VALUE}).")
    String decoder;

    @Option(names = "--no-jitter", description = "--pipeline: leave out ColorJitter (CB's iNaturalist recipe).")
    boolean noJitter;

    @Override
    public Integer call() {
        if (pipeline) {
            return pipeline();
        }
        boolean synthetic = "synthetic".equals(dataset);
        if (!synthetic && (channels != null || size != null || classes != null)) {
            throw new BadInputException("--channels, --size and --classes apply to --dataset synthetic; "
                    + dataset + " has its own shape");
        }
        if (!model.matches("(ride-|bbn-)?resnet\\d+")) {
            throw new BadInputException("--model is " + model + ", expected a CIFAR ResNet (resnet20, resnet32, resnet44, "
                    + "resnet56, resnet110), RIDE's (ride-resnet32, ...) or BBN's (bbn-resnet32, ...)");
        }
        int depth = Integer.parseInt(model.substring(model.indexOf("resnet") + "resnet".length()));
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new BadInputException("--model is " + model + ": a CIFAR ResNet has depth 6n + 2 (20, 32, 44, 56, 110)");
        }
        if (batch < 1 || rounds < 1 || steps < 1 || warmup < 0 || prefetch < 0 || threads < 0 || interopThreads < 0) {
            throw new BadInputException("--batch, --rounds and --steps must be >= 1; --warmup, --prefetch and the thread"
                    + " counts >= 0");
        }
        if (!(h2tP > 0 && h2tP <= 1) && !noStage2) {
            throw new BadInputException("--h2t-p must be in (0, 1] (the stage-2 step fuses two backbone passes)");
        }
        if (!layout.equals("channels-last") && !layout.equals("nchw")) {
            throw new BadInputException("--layout is " + layout + ", expected channels-last or nchw");
        }
        if (!org.longtail4j.models.Models.HEADS.contains(head)) {
            throw new BadInputException("--head is " + head + ", expected one of " + org.longtail4j.models.Models.HEADS);
        }
        BenchOptions options = new BenchOptions(model, head, layout.equals("channels-last"), batch, dataset, data,
                channels == null ? 3 : channels, size == null ? 32 : size, classes == null ? 100 : classes,
                threads, interopThreads, warmup, rounds, steps, prefetch, h2tP, stage1Method, stage2Method, !noStage2,
                seed);
        BenchReport report = new TrainingBench(options, System.err).run();
        System.out.print(json ? Json.line(report) + "\n" : report.text());
        return 0;
    }

    private Integer pipeline() {
        if (data == null) {
            throw new BadInputException("--pipeline needs --data DIR, an image folder (one sub-folder per class);"
                    + " /work/shared/bench/torchvision_pipeline.py --make DIR writes one");
        }
        if (workers < 1 || batches < 1 || batch < 1 || warmup < 1) {
            throw new BadInputException("--pipeline: --workers, --batches, --batch and --warmup must be >= 1");
        }
        PipelineBench.Result result = PipelineBench.run(java.nio.file.Path.of(data), decoder, workers, batch, batches,
                warmup, !noJitter, seed, System.err);
        System.out.print(json ? Json.line(result) + "\n" : result.text());
        return 0;
    }
}
