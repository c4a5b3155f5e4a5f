package org.longtail4j.data.formats;

import java.util.Locale;
import org.longtail4j.BadInputException;

/**
 * How many images each CIFAR batch file of a split must hold.
 *
 * <p>A binary batch cut short by whole records, or a pickle re-written with fewer rows, parses
 * cleanly; only its count shows it. The published files hold 10,000 images each (CIFAR-100's train
 * file 50,000), which are the defaults of {@code data.cifar_train_images} and {@code
 * data.cifar_test_images}; files made to measure (the tests' small ones) say their totals there, in the
 * run's config, where anyone reading the run sees them.
 */
final class BatchCount {

    private static final int PUBLISHED_TRAIN_IMAGES = 50_000;
    private static final int PUBLISHED_TEST_IMAGES = 10_000;

    private final int numClasses;
    private final boolean train;
    private final int total;
    private final int perFile;

    /**
     * @param total the images the split's {@code files} batch files hold together, a multiple of
     *     {@code files} (the batches of a split are equal)
     */
    BatchCount(int numClasses, boolean train, int total, int files) {
        this.numClasses = numClasses;
        this.train = train;
        this.total = total;
        if (total <= 0 || total % files != 0) {
            throw new BadInputException("config key '" + key() + "' is " + total + ", expected a positive multiple of "
                    + files + " (CIFAR-" + numClasses + "'s " + split() + " images come in " + files
                    + (files == 1 ? " file)" : " equal batch files)"));
        }
        this.perFile = total / files;
    }

    /** Fails with one line when {@code batch}, read from {@code file}, holds another number of images. */
    void check(String file, CifarLayout layout, CifarBatch batch) {
        int images = batch.labels().length;
        if (images == perFile) {
            return;
        }
        String found = layout.format().describeCount(images, numClasses);
        String expected = "a CIFAR-" + numClasses + " " + split() + " batch holds " + n(perFile);
        boolean published = total == (train ? PUBLISHED_TRAIN_IMAGES : PUBLISHED_TEST_IMAGES);
        throw new BadInputException("file " + file + " holds " + found + "; " + expected
                + (published ? "" : " here (" + key() + ": " + n(total) + ")")
                + (images < perFile ? ", so the file is cut short or not the published one" : ""));
    }

    private String split() {
        return train ? "training" : "test";
    }

    private String key() {
        return train ? "data.cifar_train_images" : "data.cifar_test_images";
    }

    /** "9,999 records", "1 record". */
    static String count(int value, String thing) {
        return n(value) + " " + thing + (value == 1 ? "" : "s");
    }

    private static String n(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
