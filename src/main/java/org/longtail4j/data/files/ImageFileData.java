package org.longtail4j.data.files;

import java.util.List;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.images.FileSampleMaker;

/**
 * An image-file dataset ready for a run: the training, validation (when the dataset has one) and test
 * files, with labels already in the run's order, the class groups, and the makers that turn files into
 * samples (decode + transforms, per batch on {@code workers} threads).
 *
 * @param validation null when the dataset has none (MiSLAS's Places-LT, iNaturalist 2018)
 * @param labelMap original label -&gt; run label (identity, or frequency-sorted)
 * @param originalClassNames class names under the files' own labels
 * @param originalTrainCounts training images per class under the files' own labels
 * @param description how the sets were made, for reports (lists, rewrite, hold-out, long-tail cut, label order)
 */
public record ImageFileData(
        ImageFiles train,
        ImageFiles validation,
        ImageFiles test,
        ClassGroups groups,
        LabelMap labelMap,
        List<String> originalClassNames,
        int[] originalTrainCounts,
        FileSampleMaker trainMaker,
        FileSampleMaker validationMaker,
        FileSampleMaker testMaker,
        int workers,
        String description) {

    public List<String> classNames() {
        return train.classNames();
    }
}
