package org.longtail4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.formats.CifarReader;
import org.longtail4j.data.formats.DatasetDownloader;
import org.longtail4j.data.formats.FashionMnistReader;

/**
 * Finds and reads the dataset a config names, and cuts the long-tailed training set from it.
 *
 * <p>Fashion-MNIST is looked for at {@code data.root}, then where Debian's dataset-fashion-mnist
 * package puts it; CIFAR at {@code data.root}. With {@code data.download} missing files are fetched
 * from the dataset's canonical location (checksums verified) into {@code data.root} or the user cache.
 */
public final class DataSources {

    /** Where Debian and Ubuntu's dataset-fashion-mnist package installs the four .gz files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private DataSources() {}

    public static PreparedData prepare(RunConfig.DataConfig config, long seed) {
        ImageDataset balancedTrain = read(config, true);
        ImageDataset test = read(config, false);
        LongTailSplit split = split(config, balancedTrain, seed);
        ImageDataset train = balancedTrain.subset(split.indices(), balancedTrain.name() + "-lt");
        ImageDataset validation = split.validationPerClass() == 0 ? null
                : balancedTrain.subset(split.validationIndices(), balancedTrain.name() + "-validation");
        ClassGroups groups = groups(config.groups, split);
        float[] mean = floats(config.augment.mean, defaultMean(config.dataset));
        float[] std = floats(config.augment.std, defaultStd(config.dataset));
        if (mean.length != train.channels()) {
            throw new BadInputException("config key 'data.augment.mean' has " + mean.length + " values, expected "
                    + train.channels() + " (one per channel of " + config.dataset + ")");
        }
        return new PreparedData(train, validation, test, split, groups, mean, std);
    }

    /**
     * The test-time normalisation of an in-memory dataset (Fashion-MNIST, CIFAR): data.augment.mean/std, or
     * the dataset's usual values.
     */
    public static Augmentation testAugmentation(RunConfig.DataConfig config) {
        return new Augmentation(0, false, floats(config.augment.mean, defaultMean(config.dataset)),
                floats(config.augment.std, defaultStd(config.dataset)));
    }

    /**
     * The image-file datasets (imagenet-lt, places-lt, inaturalist2018, image-folder, image-list): lists
     * read and checked, labels relabelled as configured, groups drawn, and the sample makers that decode
     * and transform per batch.
     */
    public static org.longtail4j.data.files.ImageFileData prepareFiles(RunConfig.DataConfig config, long seed) {
        return org.longtail4j.data.files.ImageFileSources.prepare(config, seed);
    }

    static ImageDataset read(RunConfig.DataConfig config, boolean train) {
        return switch (config.dataset) {
            case "fashion-mnist" -> FashionMnistReader.read(fashionMnistFolder(config), train);
            case "cifar10", "cifar100" -> {
                int classes = config.dataset.equals("cifar10") ? 10 : 100;
                yield CifarReader.read(cifarSource(config, classes), classes, train,
                        train ? config.cifarTrainImages : config.cifarTestImages);
            }
            default -> throw new BadInputException("config key 'data.dataset' is " + config.dataset
                    + ": image files are read per batch through DataSources.prepareFiles, which this command"
                    + " does not use yet; expected fashion-mnist, cifar10 or cifar100 here");
        };
    }

    private static Path fashionMnistFolder(RunConfig.DataConfig config) {
        if (config.root != null) {
            Path root = Path.of(config.root);
            if (config.download && !hasFashionMnist(root)) {
                DatasetDownloader.fashionMnist(root);
            }
            DataFolders.requireReadable(root, "the four Fashion-MNIST .gz files", "--download fetches them");
            return root;
        }
        if (hasFashionMnist(DEBIAN_FASHION_MNIST)) {
            return DEBIAN_FASHION_MNIST;
        }
        Path cache = cacheFolder().resolve("fashion-mnist");
        if (hasFashionMnist(cache)) {
            return cache;
        }
        if (config.download) {
            DatasetDownloader.fashionMnist(cache);
            return cache;
        }
        throw new BadInputException("Fashion-MNIST not found in " + DEBIAN_FASHION_MNIST + " or " + cache
                + ": install it with 'sudo apt-get install dataset-fashion-mnist', or add --download to fetch it"
                + " (checksums verified), or give --data DIR with the four .gz files");
    }

    private static boolean hasFashionMnist(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"));
    }

    private static Path cifarSource(RunConfig.DataConfig config, int classes) {
        Path root = config.root != null ? Path.of(config.root) : cacheFolder().resolve("cifar" + classes);
        if (config.download && Files.notExists(root)) {
            return DatasetDownloader.cifar(classes, "python", root);
        }
        DataFolders.requireReadableFolderOrFile(root, "CIFAR-" + classes + " not found at " + root + ": give --data DIR"
                + " (the extracted folder or the canonical .tar.gz), or add --download to fetch it (checksums verified)");
        return root;
    }

    /** Per-user place for downloaded data: $XDG_CACHE_HOME/longtail4j or ~/.cache/longtail4j. */
    public static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("longtail4j");
    }

    private static LongTailSplit split(RunConfig.DataConfig config, ImageDataset balanced, long seed) {
        if (config.indicesFile != null) {
            return LongTailSplit.readIndexFile(Path.of(config.indicesFile), balanced);
        }
        LongTailProfile profile = "step".equals(config.profile)
                ? LongTailProfile.step(config.imbalanceRatio)
                : LongTailProfile.exponential(config.imbalanceRatio);
        ClassOrder order = "permuted".equals(config.classOrder) ? ClassOrder.permuted(config.orderSeed) : ClassOrder.natural();
        return LongTailSplit.create(balanced, profile, order, seed, config.maxPerClass, config.validationPerClass);
    }

    private static ClassGroups groups(RunConfig.GroupsConfig config, LongTailSplit split) {
        int[] counts = split.classCounts();
        return switch (config.rule) {
            case "ranges" -> ClassGroups.ranges(counts.length, config.boundaries.get(0), config.boundaries.get(1));
            case "thirds" -> ClassGroups.thirds(counts);
            case "cb" -> ClassGroups.cb(counts);
            case "oltr" -> ClassGroups.oltr(counts);
            default -> ClassGroups.thresholds(counts, config.manyAbove, config.fewBelow);
        };
    }

    private static float[] floats(List<Double> values, float[] fallback) {
        if (values.isEmpty()) {
            return fallback;
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    /**
     * Each dataset's normalisation as its reference code has it. CIFAR-100's is CIFAR-10's on purpose: the
     * H2T, LDAM-DRW, MiSLAS and GCL code all normalise CIFAR-100 with (0.4914, 0.4822, 0.4465) /
     * (0.2023, 0.1994, 0.2010) (methods-single.md section 0). Image-file datasets name theirs elsewhere.
     */
    static float[] defaultMean(String dataset) {
        return switch (dataset) {
            case "fashion-mnist" -> new float[] {0.2860f};
            case "cifar10", "cifar100" -> new float[] {0.4914f, 0.4822f, 0.4465f};
            default -> throw new IllegalArgumentException("no normalisation for dataset " + dataset);
        };
    }

    static float[] defaultStd(String dataset) {
        return switch (dataset) {
            case "fashion-mnist" -> new float[] {0.3530f};
            case "cifar10", "cifar100" -> new float[] {0.2023f, 0.1994f, 0.2010f};
            default -> throw new IllegalArgumentException("no normalisation for dataset " + dataset);
        };
    }
}
