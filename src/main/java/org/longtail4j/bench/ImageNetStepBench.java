package org.longtail4j.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.longtail4j.config.RunConfig;
import org.longtail4j.losses.CrossEntropy;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;
import org.longtail4j.training.PytorchSgd;

/**
 * Our side of ../shared/bench/torchvision_step.py: one SGD step of an ImageNet network on random
 * tensors, or with {@code --frozen} what classifier re-training does (two backbone forwards in
 * training mode without gradients, on the batch and its mirror image, features mixed 0.75/0.25, then
 * a step of the classifier alone). Same options, same output ("median_images_per_second: X"), so
 * that scripts/bench-imagenet-step.sh can run the two alternately.
 *
 * <p>Usage: {@code java -cp target/longtail4j.jar:target/lib/* org.longtail4j.bench.ImageNetStepBench
 * [--arch tv-resnet50] [--batch 16] [--size 224] [--classes 1000] [--iters 10] [--warmup 2] [--threads 2]
 * [--channels-last true|false] [--frozen | --interleaved] [--profile TRACE.json]}
 *
 * <p>{@code --interleaved} builds both models in one process and alternates a training step with a
 * frozen-backbone step, printing each pair's time ratio and "median_frozen_over_training_step_time: X":
 * the stage-2 / stage-1 ratio measured on the same machine state, as {@code longtail bench} does for the
 * CIFAR networks.
 *
 * <p>{@code --profile TRACE.json} records libtorch's operator profile of the timed steps (not the
 * warm-up) as a Chrome trace; scripts/profile-summary.py sums it by operator.
 */
public final class ImageNetStepBench {

    private ImageNetStepBench() {}

    public static void main(String[] args) {
        Map<String, String> o = new HashMap<>(Map.of("arch", "tv-resnet50", "batch", "16", "size", "224",
                "classes", "1000", "iters", "10", "warmup", "2", "threads", "2", "channels-last", "true"));
        boolean frozen = false;
        boolean interleaved = false;
        String profile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--frozen")) {
                frozen = true;
            } else if (args[i].equals("--interleaved")) {
                interleaved = true;
            } else if (args[i].equals("--profile") && i + 1 < args.length) {
                profile = args[++i];
            } else if (args[i].startsWith("--") && i + 1 < args.length && o.containsKey(args[i].substring(2))) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("unknown option " + args[i] + "; see the class comment");
                System.exit(2);
            }
        }
        int iters = Integer.parseInt(o.get("iters"));
        int warmup = Integer.parseInt(o.get("warmup"));
        Engine engine = Engine.getInstance(); // loads libtorch before the JNI call below
        JniUtils.setNumThreads(Integer.parseInt(o.get("threads")));
        engine.setRandomSeed(0);
        List<Double> rates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Bench training = interleaved || !frozen ? new Bench(o, false, manager) : null;
            Bench stageTwo = interleaved || frozen ? new Bench(o, true, manager) : null;
            for (int it = 0; it < warmup + iters; it++) {
                if (profile != null && it == warmup) {
                    JniUtils.startProfile(false, true, false);
                }
                if (interleaved) {
                    // One step of each kind back to back, so that both see the same machine.
                    double t = training.step();
                    double f = stageTwo.step();
                    if (it >= warmup) {
                        ratios.add(f / t);
                        System.out.printf(Locale.ROOT, "pair %d: training step %.1f ms, frozen step %.1f ms, ratio %.3f%n",
                                it - warmup, t * 1000, f * 1000, f / t);
                    }
                } else {
                    Bench bench = frozen ? stageTwo : training;
                    double seconds = bench.step();
                    if (it >= warmup) {
                        rates.add(bench.batch / seconds);
                        System.out.printf(Locale.ROOT, "step %d: %.1f ms, %.1f images/s%n", it - warmup,
                                seconds * 1000, bench.batch / seconds);
                    }
                }
            }
            if (profile != null) {
                JniUtils.stopProfile(profile);
            }
            for (Bench bench : new Bench[] {training, stageTwo}) {
                if (bench != null) {
                    bench.close();
                }
            }
        }
        System.out.printf(Locale.ROOT, "DJL %s, arch %s, threads %s%n", Engine.getInstance().getVersion(),
                o.get("arch"), o.get("threads"));
        if (interleaved) {
            Summary ratio = Summary.of(ratios.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "median_frozen_over_training_step_time: %.3f (min %.3f, max %.3f)%n",
                    ratio.median(), ratio.min(), ratio.max());
        } else {
            System.out.printf(Locale.ROOT, "median_images_per_second: %.2f%n",
                    Summary.of(rates.stream().mapToDouble(Double::doubleValue).toArray()).median());
        }
    }

    /** One model and its optimiser, timing one kind of step: the whole network, or its classifier on a frozen backbone. */
    private static final class Bench implements AutoCloseable {
        final int batch;
        private final int size;
        private final int classes;
        private final boolean frozen;
        private final NDManager manager;
        private final ImageClassifier model;
        private final PytorchSgd sgd;
        private final PairList<String, Parameter> trainable = new PairList<>();
        private final ParameterStore ps;

        Bench(Map<String, String> o, boolean frozen, NDManager parent) {
            batch = Integer.parseInt(o.get("batch"));
            size = Integer.parseInt(o.get("size"));
            classes = Integer.parseInt(o.get("classes"));
            this.frozen = frozen;
            manager = parent.newSubManager();
            RunConfig.ModelConfig config = new RunConfig.ModelConfig();
            config.arch = o.get("arch");
            config.channelsLast = Boolean.parseBoolean(o.get("channels-last"));
            model = Models.create(config, classes, 3, size, size, manager);
            if (frozen) {
                model.backbone().freezeParameters(true);
            }
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable.add(p);
                }
            }
            sgd = new PytorchSgd(0.9, frozen ? 5e-4 : 1e-4, false);
            ps = new ParameterStore(manager, false);
        }

        /** One step on a random batch; returns its wall time in seconds. */
        double step() {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.randomNormal(new Shape(batch, 3, size, size));
                NDArray y = step.randomInteger(0, classes, new Shape(batch), ai.djl.ndarray.types.DataType.INT64);
                long start = System.nanoTime();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits;
                    if (frozen) {
                        NDArray f1 = model.backbone().forward(ps, new NDList(x), true).singletonOrThrow();
                        NDArray f2 = model.backbone().forward(ps, new NDList(x.flip(3)), true).singletonOrThrow();
                        NDArray mixed = f1.mul(0.75f).add(f2.mul(0.25f));
                        logits = model.head().forward(ps, new NDList(mixed), true).singletonOrThrow();
                    } else {
                        logits = model.forward(ps, new NDList(x), true).singletonOrThrow();
                    }
                    collector.backward(CrossEntropy.mean(logits, y));
                }
                sgd.step(trainable, 0.1);
                return (System.nanoTime() - start) / 1e9;
            }
        }

        @Override
        public void close() {
            sgd.close();
            manager.close();
        }
    }
}
