package org.longtail4j.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.evaluation.NanAsNull;

/**
 * One line of a stage's metrics log (metrics.jsonl).
 *
 * @param epoch 1-indexed
 * @param seconds the epoch's training time, without the evaluation
 * @param test the test-set evaluation after this epoch, or null when not evaluated this epoch
 * @param validation the validation-split evaluation after this epoch (same prediction, the held-out
 *     training images), or null when not evaluated or the config has no validation split (then the
 *     field is left out of the line, as in runs made before validation splits)
 * @param evalSeconds how long the evaluations took, or null
 * @param rssMib resident memory of the process at the end of the epoch (VmRSS, MiB; -1 where unknown),
 *     so that a leak shows as growth from epoch to epoch
 */
public record EpochRecord(
        String stage,
        int epoch,
        double lr,
        double trainLoss,
        double seconds,
        double imagesPerSecond,
        EvaluationSummary test,
        @JsonInclude(JsonInclude.Include.NON_NULL) EvaluationSummary validation,
        Double evalSeconds,
        double rssMib) {

    /** The headline figures of an evaluation, without the per-class lists. */
    public record EvaluationSummary(double top1, double top5, Double many, Double medium, Double few, double ece,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double expertsPerImage) {
        public static EvaluationSummary of(EvaluationResult r) {
            // an empty group has no accuracy: null in JSON rather than NaN
            return new EvaluationSummary(r.top1(), r.top5(), NanAsNull.orNull(r.many()), NanAsNull.orNull(r.medium()),
                    NanAsNull.orNull(r.few()), r.ece(), r.expertsPerImage());
        }
    }
}
