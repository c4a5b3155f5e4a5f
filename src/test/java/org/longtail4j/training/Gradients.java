package org.longtail4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Map;

/** Test helpers: parameters from plain values, and gradients set through a real backward pass. */
final class Gradients {

    private Gradients() {}

    static Parameter parameter(NDManager manager, String name, float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build();
    }

    /**
     * Adds {@code gradients.get(name)} to each named parameter's gradient by back-propagating
     * sum(g * w), whose gradient with respect to w is exactly g. All temporaries die with a scratch
     * manager, so nothing is left in the parameters' manager.
     */
    static void accumulate(PairList<String, Parameter> parameters, Map<String, float[]> gradients) {
        try (NDManager scratch = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (Pair<String, Parameter> named : parameters) {
                float[] g = gradients.get(named.getKey());
                if (g != null) {
                    NDArray weight = named.getValue().getArray();
                    NDArray term = scratch.create(g, weight.getShape()).mul(weight).sum();
                    total = total == null ? term : total.add(term);
                }
            }
            collector.backward(total);
        }
    }
}
