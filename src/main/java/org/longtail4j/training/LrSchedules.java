package org.longtail4j.training;

import org.longtail4j.config.StageConfig;

/** The learning-rate schedule a stage's config names ({@code schedule.type}). */
final class LrSchedules {

    private LrSchedules() {}

    static LrSchedule of(StageConfig c) {
        return switch (c.schedule.type) {
            case "cosine" -> c.schedule.warmupEpochs > 0
                    ? Cosine.perEpoch(c.lr, c.epochs).withWarmup(c.schedule.warmupEpochs)
                    : Cosine.perEpoch(c.lr, c.epochs);
            case "cosine-stepped" -> Cosine.steppedBeforeEachEpoch(c.lr, c.epochs);
            case "constant" -> LrSchedule.constant(c.lr);
            default -> new WarmupMultiStep(c.lr, c.schedule.warmupEpochs, c.schedule.warmupFrom,
                    c.schedule.milestones.stream().mapToInt(Integer::intValue).toArray(), c.schedule.gamma);
        };
    }
}
