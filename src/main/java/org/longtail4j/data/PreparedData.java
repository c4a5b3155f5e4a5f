package org.longtail4j.data;

import java.util.List;

/**
 * The data of a run, ready for training: the long-tailed training set, the balanced test set, how the
 * split was made, the class groups reports use, and the normalisation for both sets.
 *
 * @param train the long-tailed training subset (its position i is image split.indices()[i] of the
 *     balanced training set)
 */
public record PreparedData(
        ImageDataset train,
        ImageDataset test,
        LongTailSplit split,
        ClassGroups groups,
        float[] mean,
        float[] std) {

    public List<String> classNames() {
        return train.classNames();
    }
}
