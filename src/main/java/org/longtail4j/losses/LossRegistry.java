package org.longtail4j.losses;

import org.longtail4j.parts.NoSettings;
import org.longtail4j.parts.PartRegistry;

/**
 * Every loss a stage can name ({@code loss: {type: NAME, ...}}): the one place they are registered.
 * Each entry: name, one-line summary, paper, typed settings, factory.
 */
public final class LossRegistry {

    public static final PartRegistry<Loss> LOSSES = new PartRegistry<Loss>("loss");

    static {
        LOSSES.register("ce", "cross-entropy, optionally class-weighted (weighted mean): CE, CB-CE, CE-DRW", "-",
                CrossEntropy.Settings.class, CrossEntropy::new);
        LOSSES.register("focal", "softmax focal loss (1 - p)^gamma CE, factor optionally detached",
                "Lin et al. 2017, Focal Loss for Dense Object Detection (softmax form of LDAM-DRW's code)",
                Focal.Settings.class, Focal::new);
        LOSSES.register("sigmoid-focal", "sigmoid focal loss over one-vs-rest binary problems, optionally CB-weighted",
                "Cui et al. 2019, Class-Balanced Loss Based on Effective Number of Samples",
                SigmoidFocal.Settings.class, SigmoidFocal::new);
        LOSSES.register("ldam",
                "label-distribution-aware margin on unscaled cosine logits; with weights: drw, LDAM-DRW",
                "Cao et al. 2019, Learning Imbalanced Datasets with Label-Distribution-Aware Margin Loss",
                Ldam.Settings.class, Ldam::new);
        LOSSES.register("balanced-softmax", "cross-entropy of logits plus the log class prior (training only)",
                "Ren et al. 2020, Balanced Meta-Softmax for Long-Tailed Visual Recognition",
                NoSettings.class, BalancedSoftmax::new);
        LOSSES.register("logit-adjusted", "cross-entropy of logits plus tau times the log class prior (training only)",
                "Menon et al. 2021, Long-Tail Learning via Logit Adjustment",
                LogitAdjusted.Settings.class, LogitAdjusted::new);
        LOSSES.register("label-aware-smoothing",
                "label smoothing from eps_head (head) to eps_tail (tail): MiSLAS's stage 2",
                "Zhong et al. 2021, Improving Calibration for Long-Tailed Recognition (MiSLAS)",
                LabelAwareSmoothing.Settings.class, LabelAwareSmoothing::new);
        LOSSES.register("gcl", "Gaussian clouded logits: class-scaled noise on cosine logits, margin, scale, focal",
                "Li et al. 2022, Long-Tailed Visual Recognition via Gaussian Clouded Logit Adjustment",
                GaussianCloudedLoss.Settings.class, GaussianCloudedLoss::new);
        LOSSES.register("ride", "per-expert LDAM(-DRW) plus a temperature-scaled diversity KL to the experts' mean",
                "Wang et al. 2021, Long-tailed Recognition by Routing Diverse Distribution-Aware Experts (RIDE)",
                RideLoss.Settings.class, RideLoss::new);
        LOSSES.register("ride-router", "RIDE's router loss: BCE with logits (positive weight 100) of each router "
                + "against 'the experts so far are wrong and a later prefix is right'",
                "Wang et al. 2021, Long-tailed Recognition by Routing Diverse Distribution-Aware Experts (RIDE)",
                RideRouterLoss.Settings.class, RideRouterLoss::new);
        LOSSES.register("reslt", "per-branch CE on head / medium+tail / tail classes plus CE of the fused logits",
                "Cui et al. 2022, ResLT: Residual Learning for Long-Tailed Recognition",
                ResLtLoss.Settings.class, ResLtLoss::new);
        LOSSES.register("bbn", "BBN's cumulative learning: CE of 2 alpha u_c + 2 (1 - alpha) u_r against both labels, "
                + "weights alpha and 1 - alpha (alpha from the bilateral mixing)",
                "Zhou et al. 2020, BBN: Bilateral-Branch Network with Cumulative Learning",
                BbnLoss.Settings.class, BbnLoss::new);
    }

    private LossRegistry() {}
}
