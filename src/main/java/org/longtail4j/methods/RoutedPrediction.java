package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.ModelOutput;

/**
 * RIDE's test-time expert assignment (methods-multibranch.md 2.4): every sample uses expert 1; before expert
 * i + 1, router i decides for the samples still active, and a sample goes on while sigmoid(router logit) >
 * 0.5 (logit > 0), stopping for good at the first "no". Its scores are the mean of the logits of the experts
 * it used.
 *
 * <p>Evaluation computes every expert for every sample and the routers choose which logits count: the
 * scores are those of RIDE's per-sample computation (a frozen expert gives a sample the same logits
 * whoever else is in the batch, BatchNorm being in inference mode), but the saving RIDE reports is only
 * counted ({@link #expertsUsed}, the mean of which evaluation reports), not realised in run time.
 */
final class RoutedPrediction implements Prediction {

    @Override
    public NDArray scores(ModelOutput output) {
        List<NDArray> active = active(output);
        NDArray sum = null;
        NDArray used = null;
        for (int k = 0; k < active.size(); k++) {
            NDArray mask = active.get(k);
            NDArray part = output.branches().get(k).mul(mask.expandDims(1));
            sum = sum == null ? part : sum.add(part);
            used = used == null ? mask : used.add(mask);
        }
        return sum.div(used.expandDims(1));
    }

    @Override
    public NDArray expertsUsed(ModelOutput output) {
        NDArray used = null;
        for (NDArray mask : active(output)) {
            used = used == null ? mask : used.add(mask);
        }
        return used;
    }

    /** Per expert k, 1 for the samples that use it and 0 for the others [B] (float). */
    private static List<NDArray> active(ModelOutput output) {
        if (output.routing().isEmpty()) {
            throw new IllegalStateException("prediction routed on a model output without router logits");
        }
        List<NDArray> experts = output.branches();
        NDArray first = experts.get(0);
        NDArray mask = first.getManager().ones(new ai.djl.ndarray.types.Shape(first.getShape().get(0)),
                DataType.FLOAT32);
        List<NDArray> active = new java.util.ArrayList<>(List.of(mask));
        for (NDArray router : output.routing()) {
            mask = mask.mul(router.gt(0).toType(DataType.FLOAT32, false));
            active.add(mask);
        }
        return active;
    }

    @Override
    public void requireModel(ImageClassifier model) {
        if (model.router() == null) {
            throw new BadInputException("prediction 'routed' needs RIDE's router: add edits: {add-router: {}} to "
                    + "this stage or an earlier one (method ride-router)");
        }
    }

    @Override
    public String describe() {
        return "routed experts";
    }
}
