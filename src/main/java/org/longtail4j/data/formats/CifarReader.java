package org.longtail4j.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ImageDataset;

/**
 * Reads CIFAR-10 or CIFAR-100 in whichever form the user has it: the binary or the python version,
 * unpacked or as the canonical .tar.gz.
 *
 * <p>Users get these files from many places (torchvision downloads the python version, C code
 * wants the binary one), so the reader finds the data itself instead of asking which form it is.
 * Training batches are concatenated in file order (data_batch_1 to data_batch_5), the order the
 * reference code uses, so image indices (and the long-tailed subsets chosen by index) agree with it.
 * Labels are the fine labels for CIFAR-100.
 */
public final class CifarReader {

    private CifarReader() {
    }

    /**
     * Reads the training split (50,000 images) or the test split (10,000 images).
     *
     * @param source one of: the unpacked folder (cifar-10-batches-bin, cifar-100-binary,
     *     cifar-10-batches-py, cifar-100-python); the folder holding it or the canonical archive;
     *     the archive itself (cifar-10-binary.tar.gz, cifar-100-binary.tar.gz, cifar-10-python.tar.gz,
     *     cifar-100-python.tar.gz). Where both versions are present the binary one is read.
     * @param numClasses 10 or 100
     * @param expectedImages the images the split's batch files hold together, shared equally among them:
     *     50,000 for the training split and 10,000 for the test split of the published data
     *     ({@code data.cifar_train_images}, {@code data.cifar_test_images}). A batch file holding
     *     another number is an error, so a file cut short by whole records is caught.
     * @return 3 x 32 x 32 images; class names from the dataset's names file, or "class_0".. when
     *     that file is absent
     * @throws BadInputException naming the file or folder when the data is missing, incomplete or
     *     malformed
     */
    public static ImageDataset read(Path source, int numClasses, boolean train, int expectedImages) {
        List<CifarLayout> layouts = CifarLayout.forClasses(numClasses);
        CifarSource from = locate(source, layouts, numClasses);
        BatchCount count = new BatchCount(numClasses, train, expectedImages, layouts.get(0).files(train).size());

        Map<String, CifarLayout> batchOwner = new HashMap<>();
        Map<String, CifarLayout> namesOwner = new HashMap<>();
        for (CifarLayout layout : layouts) {
            layout.files(train).forEach(f -> batchOwner.put(f, layout));
            namesOwner.put(layout.classNamesFile(), layout);
        }
        Set<String> wanted = new HashSet<>(batchOwner.keySet());
        wanted.addAll(namesOwner.keySet());

        // each file is parsed as soon as it is read, so an archive's raw bytes are not all held at once
        Map<String, CifarBatch> batches = new HashMap<>();
        Map<CifarLayout, List<String>> classNames = new HashMap<>();
        from.read(wanted, (name, displayName, content) -> {
            if (batchOwner.containsKey(name)) {
                CifarLayout layout = batchOwner.get(name);
                CifarBatch batch = layout.format().readBatch(displayName, content, numClasses);
                count.check(displayName, layout, batch);
                batches.put(name, batch);
            } else {
                CifarLayout layout = namesOwner.get(name);
                classNames.put(layout, layout.format().readClassNames(displayName, content, numClasses));
            }
        });

        CifarLayout layout = complete(layouts, batches.keySet(), train, from, numClasses);
        List<CifarBatch> ordered = layout.files(train).stream().map(batches::get).toList();
        CifarBatch all = CifarBatch.concat(ordered);
        List<String> names = classNames.getOrDefault(layout, defaultNames(numClasses));
        return new ImageDataset("cifar-" + numClasses + "/" + (train ? "train" : "test"),
                all.pixels(), all.labels(), 3, 32, 32, names);
    }

    /** The folder or archive to read, following the order documented on {@link #read}. */
    private static CifarSource locate(Path source, List<CifarLayout> layouts, int numClasses) {
        if (Files.isRegularFile(source)) {
            return new CifarSource.Archive(source);
        }
        if (!Files.isDirectory(source)) {
            throw new BadInputException("CIFAR-" + numClasses + " source " + source
                    + " does not exist, expected a folder or a .tar.gz archive");
        }
        for (CifarLayout layout : layouts) {
            boolean holdsBatches = Stream.concat(layout.files(true).stream(), layout.files(false).stream())
                    .anyMatch(f -> Files.isRegularFile(source.resolve(f)));
            if (holdsBatches) {
                return new CifarSource.Folder(source);
            }
        }
        for (CifarLayout layout : layouts) {
            if (Files.isDirectory(source.resolve(layout.folder()))) {
                return new CifarSource.Folder(source.resolve(layout.folder()));
            }
        }
        for (CifarLayout layout : layouts) {
            if (Files.isRegularFile(source.resolve(layout.archive()))) {
                return new CifarSource.Archive(source.resolve(layout.archive()));
            }
        }
        throw new BadInputException("folder " + source + " holds no CIFAR-" + numClasses + " data, expected "
                + layouts.stream().map(l -> l.folder() + "/ or " + l.archive()).collect(Collectors.joining(" or "))
                + " there, or the unpacked batch files themselves");
    }

    /** The first layout whose batches for the split were all found. */
    private static CifarLayout complete(
            List<CifarLayout> layouts, Set<String> found, boolean train, CifarSource from, int numClasses) {
        for (CifarLayout layout : layouts) {
            if (found.containsAll(layout.files(train))) {
                return layout;
            }
        }
        for (CifarLayout layout : layouts) {
            List<String> missing = new ArrayList<>(layout.files(train));
            missing.removeAll(found);
            if (missing.size() < layout.files(train).size()) {
                throw new BadInputException("CIFAR-" + numClasses + " " + layout.version() + " data in " + from.path()
                        + " is incomplete: missing " + String.join(", ", missing));
            }
        }
        throw new BadInputException(from.path() + " holds none of the CIFAR-" + numClasses + " "
                + (train ? "training" : "test") + " files, expected "
                + layouts.stream().map(l -> String.join(", ", l.files(train)) + " (" + l.version() + " version)")
                        .collect(Collectors.joining(" or ")));
    }

    private static List<String> defaultNames(int numClasses) {
        return IntStream.range(0, numClasses).mapToObj(i -> "class_" + i).toList();
    }
}
