package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * The loss of RIDE's expert router (Wang et al. 2021; methods-multibranch.md 2.4). With the experts'
 * logits z_1..z_K and the label y of a sample, c_j = [argmax(z_1 + ... + z_j) = y] says whether the first j
 * experts together classify it; router i (after expert i) should say "go on" exactly when the first i
 * experts are wrong and some later prefix is right:
 * <pre>
 * q_i = (not c_i) and (c_{i+1} or ... or c_K)
 * L   = mean over i = 1..K-1 of mean over the batch of BCE-with-logits(r_i, q_i), positive weight w
 * BCE(r, q) = w q softplus(-r) + (1 - q) softplus(r)
 * </pre>
 * w = 100 in RIDE: a "go on" target is rare, and missing one costs accuracy. The targets come from the
 * experts' logits as they are (the experts are frozen in the router stage) and carry no gradient.
 */
public final class RideRouterLoss implements Loss {

    /** Settings of {@code loss: {type: ride-router}}. */
    public static final class Settings {
        /** The weight of the positive ("go on") targets in the binary cross-entropy (pos_weight; 100 in RIDE). */
        public double positiveWeight = 100;
    }

    private final double positiveWeight;

    public RideRouterLoss(Settings settings, PartContext context) {
        positiveWeight = SettingChecks.positive(settings.positiveWeight, context.key() + ".positive_weight");
    }

    @Override
    public NDArray loss(ModelOutput output, Targets targets, LossContext context) {
        if (output.routing().isEmpty()) {
            throw new BadInputException("loss ride-router needs RIDE's router: add edits: {add-router: {}} to the "
                    + "stage (method ride-router)");
        }
        return targets.combine(labels -> loss(output, labels));
    }

    private NDArray loss(ModelOutput output, NDArray labels) {
        List<NDArray> goOn = goOnTargets(output.branches(), labels);
        NDArray total = null;
        for (int i = 0; i < goOn.size(); i++) {
            NDArray r = output.routing().get(i);
            NDArray q = goOn.get(i);
            NDArray positive = softplus(r.neg()).mul(q).mul((float) positiveWeight);
            NDArray negative = softplus(r).mul(q.neg().add(1));
            NDArray term = positive.add(negative).mean();
            total = total == null ? term : total.add(term);
        }
        return total.div(goOn.size());
    }

    /**
     * The targets q_1..q_{K-1} [B] (float 0 / 1) of the routers for the expert logits {@code experts} and
     * {@code labels}, without gradient.
     */
    public static List<NDArray> goOnTargets(List<NDArray> experts, NDArray labels) {
        NDArray y = labels.toType(DataType.INT64, false);
        int k = experts.size();
        NDArray[] correct = new NDArray[k];
        NDArray sum = null;
        for (int j = 0; j < k; j++) {
            NDArray z = experts.get(j).stopGradient();
            sum = sum == null ? z : sum.add(z);
            correct[j] = sum.argMax(1).toType(DataType.INT64, false).eq(y);
        }
        // laterRight[i]: some prefix longer than i + 1 experts is right
        NDArray[] targets = new NDArray[k - 1];
        NDArray laterRight = correct[k - 1];
        for (int i = k - 2; i >= 0; i--) {
            targets[i] = correct[i].logicalNot().logicalAnd(laterRight).toType(DataType.FLOAT32, false);
            laterRight = laterRight.logicalOr(correct[i]);
        }
        return List.of(targets);
    }

    /** log(1 + exp(x)) without overflow: max(x, 0) + log(1 + exp(-|x|)). */
    private static NDArray softplus(NDArray x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1).log());
    }
}
