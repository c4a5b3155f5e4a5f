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
 * [--frozen]}
 */
public final class ImageNetStepBench {

    private ImageNetStepBench() {}

    public static void main(String[] args) {
        Map<String, String> o = new HashMap<>(Map.of("arch", "tv-resnet50", "batch", "16", "size", "224",
                "classes", "1000", "iters", "10", "warmup", "2", "threads", "2"));
        boolean frozen = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--frozen")) {
                frozen = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length && o.containsKey(args[i].substring(2))) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("unknown option " + args[i] + "; see the class comment");
                System.exit(2);
            }
        }
        int batch = Integer.parseInt(o.get("batch"));
        int size = Integer.parseInt(o.get("size"));
        int classes = Integer.parseInt(o.get("classes"));
        int iters = Integer.parseInt(o.get("iters"));
        int warmup = Integer.parseInt(o.get("warmup"));
        Engine engine = Engine.getInstance(); // loads libtorch before the JNI call below
        JniUtils.setNumThreads(Integer.parseInt(o.get("threads")));
        engine.setRandomSeed(0);
        RunConfig.ModelConfig config = new RunConfig.ModelConfig();
        config.arch = o.get("arch");
        List<Double> rates = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                PytorchSgd sgd = new PytorchSgd(0.9, frozen ? 5e-4 : 1e-4, false)) {
            ImageClassifier model = Models.create(config, classes, 3, size, size, manager);
            if (frozen) {
                model.backbone().freezeParameters(true);
            }
            PairList<String, Parameter> trainable = new PairList<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable.add(p);
                }
            }
            ParameterStore ps = new ParameterStore(manager, false);
            for (int it = 0; it < warmup + iters; it++) {
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
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (it >= warmup) {
                        rates.add(batch / seconds);
                        System.out.printf(Locale.ROOT, "step %d: %.1f ms, %.1f images/s%n", it - warmup, seconds * 1000,
                                batch / seconds);
                    }
                }
            }
        }
        List<Double> sorted = rates.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        System.out.printf(Locale.ROOT, "DJL %s, arch %s, threads %s%n", Engine.getInstance().getVersion(),
                config.arch, o.get("threads"));
        System.out.printf(Locale.ROOT, "median_images_per_second: %.2f%n", median);
    }
}
