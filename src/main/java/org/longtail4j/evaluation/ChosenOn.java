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

    /**
     * "validation (20 per class held out from training)" or "test set (no validation split: ...)".
     *
     * @param validationSource where the validation set came from, or null when the run has none
     */
    public static String bestEpoch(String validationSource) {
        return validationSource != null
                ? "validation (" + validationSource + ")"
                : "test set (no validation split: the references' behaviour)";
    }

    /** The words for a split of {@code perClass} images per class held out from the training images. */
    public static String heldOut(int perClass) {
        return perClass + " per class held out from training";
    }

    /** The words for a dataset's own validation list. */
    public static final String DATASET_LIST = "the dataset's own validation list";

    /** The figure a sweep's best value is chosen by: validation all top-1, or "test (no validation split)". */
    public static String sweepValue(boolean validation) {
        return validation ? "validation all top-1" : "test all top-1 (no validation split)";
    }
}
