package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

/**
 * PytorchSgd over the parameter list of a CIFAR ResNet-32 (31 convolutions with BatchNorm, a
 * 64 -> 100 classifier: 95 trainable arrays, 0.47M weights, plus 62 running statistics): no
 * NDArray is left behind however many steps run, and the cost of one step (best of five runs of
 * 200, to look past JIT warm-up and a busy machine) is reported.
 */
class PytorchSgdResourceTest {

    @Test
    void manyStepsLeaveNoArraysBehind() {
        try (NDManager model = NDManager.newBaseManager();
                PytorchSgd sgd = new PytorchSgd(0.9, 2e-4, false)) {
            // A base manager's parent is the engine's root: it counts every array alive in the JVM,
            // the optimizer's buffers and any gradient handle left open included.
            NDManager everything = model.getParentManager();
            PairList<String, Parameter> params = resnet32Parameters(model);
            backwardRandom(params);
            sgd.step(params, 0.1);
            int live = everything.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                backwardRandom(params);
                sgd.step(params, 0.1 / (i + 1));
            }
            assertEquals(live, everything.getManagedArrays().size());

            double millis = Double.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                int steps = 200;
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    sgd.step(params, 0.1);
                }
                millis = Math.min(millis, (System.nanoTime() - start) / 1e6 / steps);
            }
            assertEquals(live, everything.getManagedArrays().size());
            System.out.printf(
                    "PytorchSgd.step over %d arrays, %d weights: %.3f ms%n",
                    trainable(params), weights(params), millis);
        }
    }

    /** Shapes of the CIFAR ResNet-32: 3 stages of 5 basic blocks, 16/32/64 channels, option-A shortcuts. */
    private static PairList<String, Parameter> resnet32Parameters(NDManager manager) {
        PairList<String, Parameter> params = new PairList<>();
        convWithBatchNorm(params, manager, "conv1", 16, 3);
        int in = 16;
        for (int stage = 0; stage < 3; stage++) {
            int out = 16 << stage;
            for (int block = 0; block < 5; block++) {
                String prefix = "stage" + stage + ".block" + block;
                convWithBatchNorm(params, manager, prefix + ".conv1", out, in);
                convWithBatchNorm(params, manager, prefix + ".conv2", out, out);
                in = out;
            }
        }
        add(params, manager, "fc.weight", new Shape(100, 64), true);
        add(params, manager, "fc.bias", new Shape(100), true);
        return params;
    }

    private static void convWithBatchNorm(
            PairList<String, Parameter> params, NDManager manager, String name, int out, int in) {
        add(params, manager, name + ".weight", new Shape(out, in, 3, 3), true);
        add(params, manager, name + ".bn.gamma", new Shape(out), true);
        add(params, manager, name + ".bn.beta", new Shape(out), true);
        add(params, manager, name + ".bn.runningMean", new Shape(out), false);
        add(params, manager, name + ".bn.runningVar", new Shape(out), false);
    }

    private static void add(
            PairList<String, Parameter> params,
            NDManager manager,
            String name,
            Shape shape,
            boolean trainable) {
        NDArray array = manager.randomNormal(shape);
        array.setRequiresGradient(trainable);
        params.add(
                name,
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.OTHER)
                        .optRequiresGrad(trainable)
                        .optArray(array)
                        .build());
    }

    private static void backwardRandom(PairList<String, Parameter> params) {
        try (NDManager scratch = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = scratch.zeros(new Shape());
            for (Pair<String, Parameter> named : params) {
                NDArray weight = named.getValue().getArray();
                if (weight.hasGradient()) {
                    total = total.add(scratch.randomNormal(weight.getShape()).mul(weight).sum());
                }
            }
            collector.backward(total);
        }
    }

    private static long trainable(PairList<String, Parameter> params) {
        return params.values().stream().filter(p -> p.getArray().hasGradient()).count();
    }

    private static long weights(PairList<String, Parameter> params) {
        return params.values().stream()
                .filter(p -> p.getArray().hasGradient())
                .mapToLong(p -> p.getArray().size())
                .sum();
    }
}
