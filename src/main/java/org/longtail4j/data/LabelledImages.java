package org.longtail4j.data;

import java.util.List;

/**
 * A labelled set of images, wherever the pixels live: {@link ImageDataset} holds small images in memory,
 * {@link org.longtail4j.data.files.ImageFiles} names image files on disk that are decoded per batch.
 *
 * <p>This is all that samplers, methods and reports need to know about a training set; the pixels are
 * reached only through a {@link SampleMaker} inside a {@link BatchStream}.
 */
public interface LabelledImages {

    /** What the data is, for messages and reports ("imagenet-lt/train"). */
    String name();

    /** Number of images; sample indices run 0..size()-1. */
    int size();

    /** Number of classes; labels run 0..numClasses()-1. */
    int numClasses();

    /** One name per label. */
    List<String> classNames();

    /** Label of sample {@code index}. */
    int label(int index);

    /** A copy of all labels, indexed by sample. */
    int[] labels();

    /** Images per class, indexed by label. */
    default int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }
}
