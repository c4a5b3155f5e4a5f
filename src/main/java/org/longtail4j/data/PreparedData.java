package org.longtail4j.data;

import java.util.List;

/**
 * The data of a run, ready for training: the long-tailed training set, the balanced test set, how the
 * split was made, the class groups reports use, and the normalisation for both sets.
 *
 * @param train the long-tailed training subset (its position i is image split.indices()[i] of the
 *     balanced training set)
 * @param validation the images held out from training (split.validationIndices()), or null when the
 *     config has no validation split
 */
public record PreparedData(
        ImageDataset train,
        ImageDataset validation,
        ImageDataset test,
        LongTailSplit split,
        ClassGroups groups,
        float[] mean,
        float[] std) {

    public List<String> classNames() {
        return train.classNames();
    }

    /** Whether a validation split chooses the best epoch and sweep values (else the test set does). */
    public boolean hasValidation() {
        return validation != null;
    }
}
