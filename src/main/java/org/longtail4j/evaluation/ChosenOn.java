package org.longtail4j.evaluation;

/**
 * Which images chose a stage's best epoch or a sweep's best value, in the words every report uses: the
 * validation split when the config holds one out (data.validation_per_class), else the test set, as the
 * reference code does it. A choice made on the test set is named as such so that no reader takes the
 * best-epoch figure for an unbiased estimate.
 */
public final class ChosenOn {

    /** What an older results.json (written before the choice was recorded) was chosen on. */
    public static final String OLDER_RUN = "test set (recorded before validation splits existed)";

    private ChosenOn() {}

    /** "validation (20 per class held out from training)" or "test set (no validation split: ...)". */
    public static String bestEpoch(int validationPerClass) {
        return validationPerClass > 0
                ? "validation (" + validationPerClass + " per class held out from training)"
                : "test set (no validation split: the references' behaviour)";
    }

    /** The figure a sweep's best value is chosen by: validation all top-1, or "test (no validation split)". */
    public static String sweepValue(boolean validation) {
        return validation ? "validation all top-1" : "test all top-1 (no validation split)";
    }
}
