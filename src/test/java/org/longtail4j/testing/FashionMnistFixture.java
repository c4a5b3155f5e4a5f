package org.longtail4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Real Fashion-MNIST for the tests that train: the files of Debian's dataset-fashion-mnist package
 * (CI installs it), cut down to the first images of each split so a test reads and evaluates little.
 *
 * <p>A test that needs the data fails, with the command that installs it, when the package is absent:
 * it never skips silently.
 */
public final class FashionMnistFixture {

    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistFixture() {}

    /** The package's folder; fails the test with the install command when it is missing. */
    public static Path debianFolder() {
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            if (!Files.isRegularFile(DEBIAN.resolve(name))) {
                fail("real Fashion-MNIST is needed but " + DEBIAN.resolve(name) + " is missing: install it with "
                        + "'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu package; .ci/run does this)");
            }
        }
        return DEBIAN;
    }

    /**
     * Writes the first {@code trainImages} training images and the first {@code testImages} test images
     * of the real files into {@code folder} as plain (not gzipped) IDX files, the layout the reader
     * accepts, and returns the folder.
     */
    public static Path firstImages(Path folder, int trainImages, int testImages) throws IOException {
        Path source = debianFolder();
        Files.createDirectories(folder);
        copyHead(source, folder, "train-images-idx3-ubyte", 3, trainImages);
        copyHead(source, folder, "train-labels-idx1-ubyte", 1, trainImages);
        copyHead(source, folder, "t10k-images-idx3-ubyte", 3, testImages);
        copyHead(source, folder, "t10k-labels-idx1-ubyte", 1, testImages);
        return folder;
    }

    /** The IDX header with the item count replaced, then the first {@code items} items. */
    private static void copyHead(Path from, Path to, String name, int rank, int items) throws IOException {
        try (InputStream raw = Files.newInputStream(from.resolve(name + ".gz"));
                DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
                OutputStream file = Files.newOutputStream(to.resolve(name));
                DataOutputStream out = new DataOutputStream(file)) {
            int magic = in.readInt();
            int count = in.readInt();
            if (items > count) {
                throw new IllegalArgumentException(name + " has " + count + " items, asked for " + items);
            }
            out.writeInt(magic);
            out.writeInt(items);
            long itemBytes = 1;
            for (int d = 1; d < rank; d++) {
                int size = in.readInt();
                out.writeInt(size);
                itemBytes *= size;
            }
            out.write(in.readNBytes(Math.toIntExact(itemBytes * items)));
        }
    }
}
