package org.longtail4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One training stage: which method, for how long, with what optimiser and schedule. */
public final class StageConfig {

    /** A registered method name (see {@code longtail methods}); "none" skips the stage. */
    public String method = "none";
    public int epochs = 0;
    public int batchSize = 128;
    /** Peak learning rate. */
    public double lr = 0.1;
    public double momentum = 0.9;
    /** Coupled (L2) weight decay on every trained parameter, as torch.optim.SGD. */
    public double weightDecay = 2e-4;
    public boolean nesterov = false;
    public ScheduleConfig schedule = new ScheduleConfig();
    /** Mixup alpha for stages that support it (0 = off). */
    public double mixupAlpha = 0;
    /** Head-to-tail feature fusion in classifier re-training (p = 0: plain DR). */
    public H2tConfig h2t = new H2tConfig();
    /** Classifier re-training: finetune (start from stage-1 weights) or reinit (cRT). */
    public String classifier = "finetune";
    /** Classifier re-training: shift (re-estimate BN statistics in training mode) or frozen. */
    public String bn = "shift";
    /** Settings that only one method understands; the method checks them. */
    public Map<String, Object> params = RunConfig.emptyParams();

    public static final class ScheduleConfig {
        /** warmup-multistep, cosine or constant. */
        public String type = "warmup-multistep";
        public int warmupEpochs = 5;
        /** 1-indexed epochs after which the learning rate is multiplied by gamma. */
        public List<Integer> milestones = new ArrayList<>(List.of(160, 180));
        public double gamma = 0.1;
    }

    public static final class H2tConfig {
        /** Fusion ratio: floor(p * C) channels of the balanced map are replaced. */
        public double p = 0;
    }

    static StageConfig stage1Defaults() {
        StageConfig s = new StageConfig();
        s.method = "ce";
        s.epochs = 200;
        return s;
    }

    static StageConfig stage2Defaults() {
        StageConfig s = new StageConfig();
        s.epochs = 10;
        s.lr = 0.02;
        s.schedule.type = "cosine";
        s.schedule.warmupEpochs = 0;
        s.schedule.milestones = new ArrayList<>();
        return s;
    }

    public boolean enabled() {
        return !"none".equals(method);
    }
}
