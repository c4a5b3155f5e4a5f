package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.longtail4j.BadInputException;

/**
 * tau-normalisation (Kang et al. 2020): the classifier's class vectors divided by their L2 norm to the
 * power tau, W~_c = W_c / ||W_c||^tau, and the bias dropped, as the authors' pnorm does. Applied in place
 * to a linear head at the start of a post-hoc stage; BatchNorm statistics stay those of the stage before.
 */
final class TauNormalisation {

    private TauNormalisation() {}

    static void apply(Block head, double tau) {
        Parameter weight = null;
        Parameter bias = null;
        for (Pair<String, Parameter> p : head.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT && p.getValue().getArray().getShape().dimension() == 2) {
                weight = p.getValue();
            } else if (p.getValue().getType() == Parameter.Type.BIAS) {
                bias = p.getValue();
            }
        }
        if (weight == null) {
            throw new BadInputException("edit tau-normalise needs a head with class vectors (model.head linear)");
        }
        NDArray w = weight.getArray();
        try (NDArray norms = w.norm(new int[] {1}, true);
                NDArray scaled = w.div(norms.pow((float) tau))) {
            w.set(scaled.toFloatArray());
        }
        if (bias != null) {
            NDArray b = bias.getArray();
            b.set(new float[(int) b.size()]);
        }
    }
}
