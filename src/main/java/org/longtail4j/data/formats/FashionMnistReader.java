package org.longtail4j.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ImageDataset;

/**
 * Reads Fashion-MNIST from the four IDX files as the dataset's authors publish them.
 *
 * <p>The files may be gzipped (as downloaded, and as Debian's dataset-fashion-mnist package installs
 * them under /usr/share/datasets/fashion-mnist) or already gunzipped by the user, so both names are
 * accepted; the gzipped one wins when both are present because it is the one whose checksum the
 * authors publish.
 */
public final class FashionMnistReader {

    /** The official class names, in label order (from the dataset's README). */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnistReader() {
    }

    /**
     * Reads the training split (60,000 images) or the test split (10,000 images) from {@code dir}.
     *
     * @return grayscale images, 1 x rows x columns as the files say (28 x 28 for Fashion-MNIST)
     * @throws BadInputException naming the file when one is missing, is not gzip, has the wrong
     *     magic number, is truncated, disagrees with its partner on the count, or has a label
     *     outside 0..9
     */
    public static ImageDataset read(Path dir, boolean train) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("Fashion-MNIST folder " + dir
                    + " does not exist or is not a folder, expected the folder holding the IDX files");
        }
        String prefix = train ? "train" : "t10k";
        Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");

        IdxFile images = IdxFile.read(imagesFile, IdxFile.IMAGES_MAGIC);
        IdxFile labelBytes = IdxFile.read(labelsFile, IdxFile.LABELS_MAGIC);
        if (images.dim(0) != labelBytes.dim(0)) {
            throw new BadInputException("images file " + imagesFile + " holds " + images.dim(0)
                    + " images but labels file " + labelsFile + " holds " + labelBytes.dim(0)
                    + " labels, expected the same count");
        }
        int[] labels = new int[labelBytes.dim(0)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelBytes.values()[i] & 0xFF;
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new BadInputException("file " + labelsFile + ": label " + labels[i] + " of item " + i
                        + " is out of range, expected 0.." + (CLASS_NAMES.size() - 1));
            }
        }
        return new ImageDataset("fashion-mnist/" + (train ? "train" : "test"), images.values(), labels,
                1, images.dim(1), images.dim(2), CLASS_NAMES);
    }

    private static Path find(Path dir, String name) {
        Path gzipped = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new BadInputException("file " + gzipped + " is missing (and so is " + plain
                + "), expected the Fashion-MNIST IDX file there");
    }
}
