package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassMembers;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * ResLT's loss (Cui et al. 2022) over a model whose branches are H (all classes), M (medium and tail) and
 * T (tail), and whose combined output is their fusion (z_H + z_M + z_T; z_H + z_M without a T branch):
 * <pre>
 * L_ice = (sum_i e(z_H, i) + sum_i [y_i in M] e(z_M, i) + sum_i [y_i in T] e(z_T, i)) / (B + #M + #T)
 * e(z, i) = -log(softmax(z)_{y_i} + ice_epsilon)       (every branch a full C-way softmax)
 * L_fce = mean_i -log(softmax(combined)_{y_i} + fce_epsilon)
 * L     = beta L_ice + (1 - beta) L_fce
 * </pre>
 * An epsilon of 0 means the exact log-softmax. The reference puts 1e-7 inside L_ice's log (capping a term at
 * 16.1181 and killing its gradient when the true class's probability is far below 1e-7), and in L_fce only
 * on ImageNet-LT. M is the {@code medium_classes} rarest classes and T the {@code tail_classes} rarest, by
 * training count with ties broken by the lower label first (a stable sort, unlike the reference's); left
 * out, they are ResLT's groups for the dataset ({@link ResLtGroups}: on CIFAR-100-LT labels 35..99 and
 * 70..99). {@code tail_classes: 0} drops the T term (iNaturalist), and a T branch is then not read.
 */
public final class ResLtLoss implements Loss {

    /** Settings of {@code loss: {type: reslt}}; defaults are ResLT's CIFAR-100-LT IR 100 script. */
    public static final class Settings {
        /** beta, the weight of the per-branch term (0.995 at IR 100, 0.99 at IR 50, 0.72 at IR 10). */
        public double beta = 0.995;
        /**
         * How many of the rarest classes the M branch learns (65 of CIFAR-100's 100, 825 of ImageNet-LT);
         * null = ResLT's groups for the dataset ({@link ResLtGroups}, by its class count).
         */
        public Integer mediumClasses = null;
        /**
         * How many of the rarest classes the T branch learns (30 of CIFAR-100, 220 of ImageNet-LT; 0 for
         * none); null = ResLT's groups for the dataset.
         */
        public Integer tailClasses = null;
        /** Added to the softmax inside the log of the per-branch terms (0 for the exact log-softmax). */
        public double iceEpsilon = 1e-7;
        /** Added to the softmax inside the log of the fused term (1e-7 on ImageNet-LT, 0 exact elsewhere). */
        public double fceEpsilon = 0;
    }

    private final double beta;
    private final double[] inMedium;
    private final double[] inTail;
    private final boolean hasTail;
    private final double iceEpsilon;
    private final double fceEpsilon;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public ResLtLoss(Settings settings, PartContext context) {
        String key = context.key();
        int[] counts = context.classes().counts();
        ResLtGroups known = ResLtGroups.forClassCount(counts.length);
        if (known == null && (settings.mediumClasses == null || settings.tailClasses == null)) {
            throw new BadInputException("config key '" + key + "' needs medium_classes and tail_classes: ResLT "
                    + "defines class groups for 10, 100, 1000 and 8142 classes, this dataset has " + counts.length);
        }
        int mediumClasses = settings.mediumClasses != null ? settings.mediumClasses : known.medium();
        int tailClasses = settings.tailClasses != null ? settings.tailClasses : known.tail();
        if (mediumClasses < 1 || mediumClasses > counts.length) {
            throw new BadInputException("config key '" + key + ".medium_classes' is " + mediumClasses
                    + ", expected 1 .. " + counts.length + " (the number of classes)");
        }
        if (tailClasses < 0 || tailClasses > mediumClasses) {
            throw new BadInputException("config key '" + key + ".tail_classes' is " + tailClasses
                    + ", expected 0 .. medium_classes (" + mediumClasses + ")");
        }
        beta = SettingChecks.unitInterval(settings.beta, key + ".beta");
        int[] rarestFirst = ClassMembers.rarestFirst(counts);
        inMedium = new double[counts.length];
        inTail = new double[counts.length];
        for (int r = 0; r < mediumClasses; r++) {
            inMedium[rarestFirst[r]] = 1;
            if (r < tailClasses) {
                inTail[rarestFirst[r]] = 1;
            }
        }
        hasTail = tailClasses > 0;
        iceEpsilon = SettingChecks.belowOne(settings.iceEpsilon, key + ".ice_epsilon");
        fceEpsilon = SettingChecks.belowOne(settings.fceEpsilon, key + ".fce_epsilon");
    }

    /** Whether each class is in the M group (1) or not (0), by label. */
    double[] mediumIndicator() {
        return inMedium.clone();
    }

    /** Whether each class is in the T group (1) or not (0), by label. */
    double[] tailIndicator() {
        return inTail.clone();
    }

    @Override
    public NDArray loss(ModelOutput output, Targets targets, LossContext context) {
        if (output.branches().size() < (hasTail ? 3 : 2)) {
            throw new IllegalStateException("the reslt loss needs the branches H, M" + (hasTail ? ", T" : "")
                    + " of ResLT's head (model.head: reslt), got " + output.branches().size() + " branch(es)");
        }
        return targets.combine(labels -> loss(output, labels));
    }

    private NDArray loss(ModelOutput output, NDArray labels) {
        NDArray index = LogitTerms.labelIndex(labels);
        List<NDArray> branches = output.branches();
        NDArray head = branchTerms(branches.get(0), index, iceEpsilon);
        NDArray medium = LogitTerms.byLabel(head, index, inMedium);
        NDArray sum = head.sum().add(branchTerms(branches.get(1), index, iceEpsilon).mul(medium).sum());
        NDArray count = medium.sum().add((float) head.getShape().get(0));
        if (hasTail) {
            NDArray tail = LogitTerms.byLabel(head, index, inTail);
            sum = sum.add(branchTerms(branches.get(2), index, iceEpsilon).mul(tail).sum());
            count = count.add(tail.sum());
        }
        NDArray individual = sum.div(count);
        NDArray fused = branchTerms(output.combined(), index, fceEpsilon).mean();
        return individual.mul((float) beta).add(fused.mul((float) (1 - beta)));
    }

    /** {@code -log(softmax(z)_{y_i} + epsilon)} [B]; the exact log-softmax at epsilon 0. */
    private static NDArray branchTerms(NDArray logits, NDArray index, double epsilon) {
        if (epsilon == 0) {
            return LogitTerms.crossEntropies(logits, index);
        }
        return logits.softmax(1).gather(index.reshape(-1, 1), 1).reshape(-1).add((float) epsilon).log().neg();
    }
}
