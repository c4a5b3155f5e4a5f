package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed PyTorch SGD updates of one weight w0 = 1 under gradients 0.5, -1, 2 and learning
 * rates 0.1, 0.5, 0.2 (the rate changes every step, which is where DJL's own Sgd differs).
 */
class PytorchSgdTest {

    private static final float[] GRADIENTS = {0.5f, -1f, 2f};
    private static final double[] LRS = {0.1, 0.5, 0.2};

    /** Runs the three steps and returns w after each. */
    private static float[] run(double momentum, double weightDecay, boolean nesterov) {
        try (NDManager manager = NDManager.newBaseManager();
                PytorchSgd sgd = new PytorchSgd(momentum, weightDecay, nesterov)) {
            PairList<String, Parameter> params = new PairList<>();
            params.add("w", Gradients.parameter(manager, "w", new float[] {1f}, new Shape(1)));
            float[] weights = new float[GRADIENTS.length];
            for (int t = 0; t < GRADIENTS.length; t++) {
                Gradients.accumulate(params, Map.of("w", new float[] {GRADIENTS[t]}));
                sgd.step(params, LRS[t]);
                weights[t] = params.get("w").getArray().getFloat(0);
            }
            return weights;
        }
    }

    @Test
    void momentumWithWeightDecay() {
        // g' = g + 0.1 w; buf = g' then 0.9 buf + g'; w -= lr buf
        // 1: g' = 0.6,              buf = 0.6,                      w = 1 - 0.1 * 0.6     = 0.94
        // 2: g' = -1 + 0.094,       buf = 0.54 - 0.906 = -0.366,    w = 0.94 + 0.5 * 0.366 = 1.123
        // 3: g' = 2 + 0.1123,       buf = -0.3294 + 2.1123 = 1.7829, w = 1.123 - 0.2 * 1.7829 = 0.76642
        // (DJL's Sgd, lr inside the buffer, would give 1.339 after step 2.)
        assertArrayEquals(new float[] {0.94f, 1.123f, 0.76642f}, run(0.9, 0.1, false), 1e-6f);
    }

    @Test
    void nesterovWithWeightDecay() {
        // d = g' + 0.9 buf
        // 1: g' = 0.6,       buf = 0.6,       d = 1.14,       w = 1 - 0.114          = 0.886
        // 2: g' = -0.9114,   buf = -0.3714,   d = -1.24566,   w = 0.886 + 0.62283    = 1.50883
        // 3: g' = 2.150883,  buf = 1.816623,  d = 3.7858437,  w = 1.50883 - 0.75716874 = 0.75166126
        assertArrayEquals(new float[] {0.886f, 1.50883f, 0.75166126f}, run(0.9, 0.1, true), 1e-6f);
    }

    @Test
    void plainSgdWithWeightDecay() {
        // 1: g' = 0.6,     w = 0.94
        // 2: g' = -0.906,  w = 0.94 + 0.453 = 1.393
        // 3: g' = 2.1393,  w = 1.393 - 0.42786 = 0.96514
        assertArrayEquals(new float[] {0.94f, 1.393f, 0.96514f}, run(0, 0.1, false), 1e-6f);
    }

    @Test
    void momentumWithoutWeightDecay() {
        // 1: buf = 0.5,                 w = 0.95
        // 2: buf = 0.45 - 1 = -0.55,    w = 0.95 + 0.275 = 1.225
        // 3: buf = -0.495 + 2 = 1.505,  w = 1.225 - 0.301 = 0.924
        assertArrayEquals(new float[] {0.95f, 1.225f, 0.924f}, run(0.9, 0, false), 1e-6f);
    }

    @Test
    void skipsFrozenAndGradientlessParametersAndZeroesGradients() {
        try (NDManager manager = NDManager.newBaseManager();
                PytorchSgd sgd = new PytorchSgd(0.9, 0.1, false)) {
            Parameter trained = Gradients.parameter(manager, "trained", new float[] {1f, 2f}, new Shape(2));
            Parameter frozen = Gradients.parameter(manager, "frozen", new float[] {3f}, new Shape(1));
            Parameter unused = Gradients.parameter(manager, "unused", new float[] {4f}, new Shape(1));
            NDArray stats = manager.create(new float[] {5f});
            Parameter runningMean =
                    Parameter.builder()
                            .setName("runningMean")
                            .setType(Parameter.Type.RUNNING_MEAN)
                            .optRequiresGrad(false)
                            .optArray(stats)
                            .build();
            PairList<String, Parameter> params = new PairList<>();
            params.add("trained", trained);
            params.add("frozen", frozen);
            params.add("unused", unused);
            params.add("runningMean", runningMean);
            Gradients.accumulate(params, Map.of("trained", new float[] {1f, 1f}, "frozen", new float[] {1f}));
            frozen.freeze(true);

            sgd.step(params, 0.5);

            // w -= 0.5 * (1 + 0.1 w)
            assertArrayEquals(new float[] {0.45f, 1.4f}, trained.getArray().toFloatArray(), 1e-6f);
            assertEquals(3f, frozen.getArray().getFloat(0));
            assertEquals(4f, unused.getArray().getFloat(0));
            assertEquals(5f, runningMean.getArray().getFloat(0));
            try (NDArray grad = trained.getArray().getGradient()) {
                assertArrayEquals(new float[] {0f, 0f}, grad.toFloatArray());
            }
            try (NDManager scratch = NDManager.newBaseManager()) {
                assertEquals(Set.of("trained"), sgd.state(scratch).keySet());
            }
        }
    }

    @Test
    void stepsInsideAnOpenGradientCollectorWithoutRecording() {
        try (NDManager manager = NDManager.newBaseManager();
                PytorchSgd sgd = new PytorchSgd(0.9, 0, false)) {
            Parameter w = Gradients.parameter(manager, "w", new float[] {1f}, new Shape(1));
            PairList<String, Parameter> params = new PairList<>();
            params.add("w", w);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(w.getArray().mul(2f).sum());
                sgd.step(params, 0.5);
                collector.backward(w.getArray().mul(3f).sum());
            }
            assertEquals(0f, w.getArray().getFloat(0));
            try (NDArray grad = w.getArray().getGradient()) {
                assertEquals(3f, grad.getFloat(0));
            }
        }
    }

    @Test
    void stateRoundTripResumesExactly() {
        float[][] gradients = {{0.5f, -0.2f}, {-1f, 0.3f}, {2f, 0.1f}, {0.7f, -0.4f}, {-0.3f, 0.9f}};
        double[] lrs = {0.1, 0.05, 0.2, 0.01, 0.3};
        float[] uninterrupted;
        try (NDManager manager = NDManager.newBaseManager();
                PytorchSgd sgd = new PytorchSgd(0.9, 5e-4, true)) {
            PairList<String, Parameter> params = twoParams(manager);
            for (int t = 0; t < lrs.length; t++) {
                stepWith(sgd, params, gradients[t], lrs[t]);
            }
            uninterrupted = weights(params);
        }

        try (NDManager checkpoint = NDManager.newBaseManager()) {
            float[] saved;
            Map<String, NDArray> state;
            try (NDManager manager = NDManager.newBaseManager();
                    PytorchSgd sgd = new PytorchSgd(0.9, 5e-4, true)) {
                PairList<String, Parameter> params = twoParams(manager);
                for (int t = 0; t < 2; t++) {
                    stepWith(sgd, params, gradients[t], lrs[t]);
                }
                saved = weights(params);
                state = sgd.state(checkpoint);
            }
            try (NDManager manager = NDManager.newBaseManager();
                    PytorchSgd sgd = new PytorchSgd(0.9, 5e-4, true)) {
                PairList<String, Parameter> params = new PairList<>();
                params.add("a", Gradients.parameter(manager, "a", new float[] {saved[0]}, new Shape(1)));
                params.add("b", Gradients.parameter(manager, "b", new float[] {saved[1]}, new Shape(1)));
                sgd.loadState(state);
                for (int t = 2; t < lrs.length; t++) {
                    stepWith(sgd, params, gradients[t], lrs[t]);
                }
                assertArrayEquals(uninterrupted, weights(params));
            }
        }
    }

    private static PairList<String, Parameter> twoParams(NDManager manager) {
        PairList<String, Parameter> params = new PairList<>();
        params.add("a", Gradients.parameter(manager, "a", new float[] {1f}, new Shape(1)));
        params.add("b", Gradients.parameter(manager, "b", new float[] {-2f}, new Shape(1)));
        return params;
    }

    private static void stepWith(PytorchSgd sgd, PairList<String, Parameter> params, float[] g, double lr) {
        Gradients.accumulate(params, Map.of("a", new float[] {g[0]}, "b", new float[] {g[1]}));
        sgd.step(params, lr);
    }

    private static float[] weights(PairList<String, Parameter> params) {
        return new float[] {params.get("a").getArray().getFloat(0), params.get("b").getArray().getFloat(0)};
    }

    @Test
    void rejectsSettingsPytorchRejects() {
        assertThrows(IllegalArgumentException.class, () -> new PytorchSgd(0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new PytorchSgd(-0.1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new PytorchSgd(0.9, -1, false));
        try (PytorchSgd sgd = new PytorchSgd(0.9, 0, false)) {
            assertThrows(IllegalArgumentException.class, () -> sgd.step(new PairList<>(), -0.1));
        }
    }
}
