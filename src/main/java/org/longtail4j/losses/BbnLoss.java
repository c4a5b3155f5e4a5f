package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartContext;

/**
 * BBN's cumulative-learning loss (Zhou et al., CVPR 2020; methods-multibranch.md 6.3). With the BBN head's
 * branch logits u_c = W_c f_c + b / 2 and u_r = W_r f_r + b / 2 (the conventional branch on the
 * conventional batch, the re-balancing branch on the reversed batch), the mixed logits are
 * z = W [2 alpha f_c, 2 (1 - alpha) f_r] + b = 2 alpha u_c + 2 (1 - alpha) u_r, and the loss is
 * alpha CE(z, y_c) + (1 - alpha) CE(z, y_r). alpha is the targets' weight, which the {@code bilateral}
 * mixing sets by epoch; a plain batch (weight 1) trains the conventional branch alone.
 */
public final class BbnLoss implements Loss {

    /** Settings of {@code loss: bbn}: none; alpha comes with the targets. */
    public static final class Settings {}

    public BbnLoss(Settings settings, PartContext context) {}

    @Override
    public NDArray loss(ModelOutput output, Targets targets, LossContext context) {
        if (output.branches().size() != 2) {
            throw new IllegalArgumentException("the bbn loss needs BBN's two branches, got "
                    + output.branches().size());
        }
        double alpha = targets.lambda();
        NDArray z = output.branches().get(0).mul((float) (2 * alpha))
                .add(output.branches().get(1).mul((float) (2 * (1 - alpha))));
        return targets.combine(labels -> CrossEntropy.mean(z, labels));
    }
}
