package org.longtail4j.data.formats;

import java.util.List;
import java.util.stream.IntStream;
import org.longtail4j.BadInputException;

/**
 * Where one CIFAR version keeps its files: folder, archive and file names, as the authors publish
 * them at https://www.cs.toronto.edu/~kriz/cifar.html.
 *
 * <p>The file names of the two versions never collide ("data_batch_1.bin" against "data_batch_1"),
 * so a file's name alone says which version and which format it belongs to.
 *
 * @param version "binary" or "python", as the authors call them
 * @param folder the folder the archive unpacks to
 * @param archive the canonical archive name
 * @param trainFiles the training batches, in the order that numbers the training images
 * @param testFile the test batch
 * @param classNamesFile the file with the class names (optional in the data)
 * @param format how this version's files are encoded
 */
record CifarLayout(
        String version,
        String folder,
        String archive,
        List<String> trainFiles,
        String testFile,
        String classNamesFile,
        CifarFormat format) {

    /** The binary layout, then the python one, for CIFAR-10 or CIFAR-100. */
    static List<CifarLayout> forClasses(int numClasses) {
        CifarFormat binary = new CifarBinaryFormat();
        CifarFormat python = new CifarPickleFormat();
        return switch (numClasses) {
            case 10 -> List.of(
                    new CifarLayout("binary", "cifar-10-batches-bin", "cifar-10-binary.tar.gz",
                            batches(".bin"), "test_batch.bin", "batches.meta.txt", binary),
                    new CifarLayout("python", "cifar-10-batches-py", "cifar-10-python.tar.gz",
                            batches(""), "test_batch", "batches.meta", python));
            case 100 -> List.of(
                    new CifarLayout("binary", "cifar-100-binary", "cifar-100-binary.tar.gz",
                            List.of("train.bin"), "test.bin", "fine_label_names.txt", binary),
                    new CifarLayout("python", "cifar-100-python", "cifar-100-python.tar.gz",
                            List.of("train"), "test", "meta", python));
            default -> throw new BadInputException(
                    "number of CIFAR classes is " + numClasses + ", expected 10 or 100");
        };
    }

    /** The batch files of the training or the test split. */
    List<String> files(boolean train) {
        return train ? trainFiles : List.of(testFile);
    }

    private static List<String> batches(String suffix) {
        return IntStream.rangeClosed(1, 5).mapToObj(i -> "data_batch_" + i + suffix).toList();
    }
}
