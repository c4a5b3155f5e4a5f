package org.longtail4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled set of small images held in memory as unsigned bytes, channel-major (N, C, H, W).
 *
 * <p>Every reader (IDX, CIFAR binary, CIFAR pickle, ...) produces one of these; everything after the
 * reader (long-tailed subsets, samplers, augmentation) works on it alone. Pixels stay bytes until a
 * batch is made, which keeps a 60,000-image set at 47 MB instead of 188 MB of floats.
 */
public final class ImageDataset implements LabelledImages {

    private final String name;
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    /**
     * @param name what the data is, for messages and reports ("fashion-mnist/train")
     * @param pixels N * C * H * W unsigned bytes, image after image, each channel-major
     * @param labels N labels in [0, classNames.size())
     */
    public ImageDataset(
            String name,
            byte[] pixels,
            int[] labels,
            int channels,
            int height,
            int width,
            List<String> classNames) {
        this.name = Objects.requireNonNull(name);
        this.pixels = Objects.requireNonNull(pixels);
        this.labels = Objects.requireNonNull(labels);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    name + ": " + pixels.length + " pixel bytes for " + labels.length
                            + " images of " + channels + "x" + height + "x" + width
                            + " (expected " + expected + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new org.longtail4j.BadInputException(
                        name + ": label " + labels[i] + " of image " + i + " is out of range, expected 0.."
                                + (classNames.size() - 1));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes of one image: C * H * W. */
    public int imageBytes() {
        return channels * height * width;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** A copy of all labels. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** Unsigned value (0..255) of one pixel byte of one image. */
    public int pixel(int index, int offsetInImage) {
        return pixels[index * imageBytes() + offsetInImage] & 0xFF;
    }

    /** Images per class, indexed by label. */
    @Override
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (indices refer to this dataset). */
    public ImageDataset subset(int[] indices, String subsetName) {
        int bytes = imageBytes();
        byte[] px = new byte[indices.length * bytes];
        int[] lb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * bytes, px, i * bytes, bytes);
            lb[i] = labels[indices[i]];
        }
        return new ImageDataset(subsetName, px, lb, channels, height, width, classNames);
    }

    @Override
    public String toString() {
        return name + " [" + size() + " x " + channels + "x" + height + "x" + width + ", "
                + numClasses() + " classes, counts " + Arrays.toString(classCounts()) + "]";
    }
}
