package org.longtail4j.losses;

import java.util.Optional;

/**
 * Per-class weights of a loss, possibly changing with the epoch (DRW switches them on at a given
 * epoch). A loss names one as its {@code weights} setting ({@code weights: {type: drw, start_epoch: 160}});
 * the kinds are registered in {@link ClassWeightingRegistry}.
 *
 * <p>Contract: epochs are 0-based, as in {@link LossContext#epoch()}; the weights of epoch e are the ones
 * every step of epoch e uses. Weights enter a cross-entropy as PyTorch's weighted mean,
 * {@code sum_i w_{y_i} ce_i / sum_i w_{y_i}} (not the mean of {@code w_{y_i} ce_i}); losses that use them
 * differently (focal, following LDAM-DRW) say so.
 */
public interface ClassWeighting {

    /**
     * The weights in 0-based epoch {@code epoch}, indexed by label, or empty when the loss is unweighted
     * in that epoch (the same as every weight 1, but cheaper).
     */
    Optional<double[]> at(int epoch);
}
