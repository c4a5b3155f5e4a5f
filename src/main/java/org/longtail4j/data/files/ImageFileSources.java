package org.longtail4j.data.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.ClassOrder;
import org.longtail4j.data.LongTailProfile;
import org.longtail4j.data.LongTailSplit;
import org.longtail4j.data.images.Decoders;
import org.longtail4j.data.images.FileSampleMaker;
import org.longtail4j.data.images.ImageDecoder;
import org.longtail4j.data.images.Normalisation;

/**
 * Reads the image-file dataset a config names and prepares it for a run (see {@link ImageFileData}).
 *
 * <ul>
 *   <li>imagenet-lt (1000 classes): ImageNet_LT_{train,val,test}.txt in data.root; reported on test;
 *   <li>places-lt (365): Places_LT_{train,test}.txt, and Places_LT_val.txt when present (CB's);
 *   <li>inaturalist2018 (8142): iNaturalist18_{train,val}.txt, or train2018.json / val2018.json when the
 *       text lists are absent; the val set is the test set (the test split has no labels); iNaturalist's
 *       own mean and std;
 *   <li>image-folder: data.root/train + data.root/val (+ data.root/test, then val is validation and test
 *       is reported on), or one tree with a seeded stratified hold-out; optionally cut to a long tail;
 *   <li>image-list: data.train_list and data.test_list (+ data.val_list), data.num_classes or the largest
 *       label + 1, names from data.class_names_file.
 * </ul>
 */
public final class ImageFileSources {

    private ImageFileSources() {}

    public static ImageFileData prepare(RunConfig.DataConfig c, long seed) {
        if (c.root == null && !"image-list".equals(c.dataset)) {
            throw new BadInputException("config key 'data.root' is not set; " + c.dataset
                    + " needs the folder holding its lists and images (--data DIR)");
        }
        Path root = c.root == null ? Path.of("") : Path.of(c.root);
        Path imageRoot = c.imageRoot != null ? Path.of(c.imageRoot) : root;
        PathRewrite rewrite = c.pathRewrite.equals("none") && !c.pathPrefixes.isEmpty()
                ? PathRewrite.prefixes(prefixMap(c.pathPrefixes)) : PathRewrite.named(c.pathRewrite, "data.path_rewrite");
        List<String> notes = new ArrayList<>();
        ImageFiles train;
        ImageFiles val = null;
        ImageFiles test;
        switch (c.dataset) {
            case "imagenet-lt", "places-lt", "image-list" -> {
                boolean imagenet = c.dataset.equals("imagenet-lt");
                String prefix = imagenet ? "ImageNet_LT_" : "Places_LT_";
                int classes = c.numClasses > 0 ? c.numClasses : imagenet ? 1000 : c.dataset.equals("places-lt") ? 365 : 0;
                List<String> names = c.classNamesFile == null ? null : classNames(Path.of(c.classNamesFile));
                if (names != null) {
                    if (classes > 0 && names.size() != classes) {
                        throw new BadInputException(c.classNamesFile + ": " + names.size() + " class names, expected "
                                + classes);
                    }
                    classes = names.size();
                }
                boolean userList = c.dataset.equals("image-list");
                Path trainList = listPath(c.trainList, root, userList ? null : prefix + "train.txt", "data.train_list");
                ListFile.Lines trainLines = ListFile.read(trainList, classes);
                if (classes == 0) {
                    classes = trainLines.labelsUsed();
                }
                train = ListedImages.resolve(c.dataset + "/train", trainLines, imageRoot, rewrite, false, classes, names);
                List<String> trainNames = train.classNames();
                List<String> easyNames = easyNames(trainNames);
                Path valList = optionalList(c.valList, root, userList ? null : prefix + "val.txt");
                if (valList != null) {
                    val = ListedImages.resolve(c.dataset + "/val", ListFile.read(valList, classes), imageRoot, rewrite,
                            c.flatValFallback, classes, names != null ? names : easyOr(rewrite, trainNames, easyNames));
                    val = withNames(val, trainNames);
                }
                Path testList = listPath(c.testList, root, userList ? null : prefix + "test.txt", "data.test_list");
                test = withNames(ListedImages.resolve(c.dataset + "/test", ListFile.read(testList, classes), imageRoot,
                        rewrite, c.flatValFallback, classes, easyOr(rewrite, trainNames, easyNames)), trainNames);
                notes.add("lists " + trainList + (valList != null ? ", " + valList : "") + ", " + testList);
            }
            case "inaturalist2018" -> {
                int classes = c.numClasses > 0 ? c.numClasses : 8142;
                Path trainList = c.trainList != null ? Path.of(c.trainList)
                        : Files.exists(root.resolve("iNaturalist18_train.txt")) ? root.resolve("iNaturalist18_train.txt")
                        : root.resolve("train2018.json");
                Path testList = c.testList != null ? Path.of(c.testList)
                        : Files.exists(root.resolve("iNaturalist18_val.txt")) ? root.resolve("iNaturalist18_val.txt")
                        : root.resolve("val2018.json");
                train = ListedImages.resolve("inaturalist2018/train", inatLines(trainList, classes), imageRoot, rewrite,
                        false, classes, null);
                test = withNames(ListedImages.resolve("inaturalist2018/val", inatLines(testList, classes), imageRoot,
                        rewrite, false, classes, null), train.classNames());
                if (c.valList != null) {
                    val = withNames(ListedImages.resolve("inaturalist2018/extra-val", inatLines(Path.of(c.valList), classes),
                            imageRoot, rewrite, false, classes, null), train.classNames());
                }
                notes.add("train " + trainList + ", reported on " + testList + " (iNaturalist's val set, 3 per class)");
            }
            case "image-folder" -> {
                ImageFiles[] sets = folders(c, root, seed, notes);
                train = sets[0];
                val = sets[1];
                test = sets[2];
            }
            default -> throw new BadInputException("config key 'data.dataset' is " + c.dataset
                    + ", not an image-file dataset");
        }
        int[] originalCounts = train.classCounts();
        List<String> originalNames = train.classNames();
        LabelMap map = c.labelOrder.equals("frequency") ? LabelMap.byFrequency(originalCounts)
                : LabelMap.identity(train.numClasses());
        if (c.labelOrder.equals("frequency")) {
            train = train.relabelled(map);
            test = test.relabelled(map);
            val = val == null ? null : val.relabelled(map);
        }
        notes.add(map.description());
        ClassGroups groups = groups(c, train.classCounts());
        ImageDecoder decoder = Decoders.named(c.decoder, "data.decoder");
        FileSampleMaker.OnBadImage policy = c.onBadImage.equals("skip")
                ? FileSampleMaker.OnBadImage.SKIP : FileSampleMaker.OnBadImage.STOP;
        Normalisation normalisation = normalisation(c);
        FileSampleMaker trainMaker = FileSampleMaker.train(train, decoder, c.imageSize, c.colorJitter, normalisation, policy);
        FileSampleMaker testMaker = FileSampleMaker.test(test, decoder, c.resizeSize, c.imageSize, normalisation, policy);
        FileSampleMaker valMaker = val == null ? null
                : FileSampleMaker.test(val, decoder, c.resizeSize, c.imageSize, normalisation, policy);
        int workers = c.workers > 0 ? c.workers : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        notes.add("decoder " + decoder.name() + ", " + workers + " workers");
        return new ImageFileData(train, val, test, groups, map, originalNames, originalCounts, trainMaker, valMaker,
                testMaker, workers, String.join("; ", notes));
    }

    /**
     * The test-time samples of {@code files} as a run of config {@code c} makes them: Resize + CenterCrop,
     * the dataset's mean and std (iNaturalist's own, else ImageNet's; data.augment.mean/std override), and
     * an unreadable image stops with one line naming it. For predicting on images outside the dataset.
     */
    public static FileSampleMaker testMaker(RunConfig.DataConfig c, ImageFiles files) {
        return FileSampleMaker.test(files, Decoders.named(c.decoder, "data.decoder"), c.resizeSize, c.imageSize,
                normalisation(c), FileSampleMaker.OnBadImage.STOP);
    }

    /** The mean and std a run of config {@code c} normalises with. */
    public static Normalisation normalisation(RunConfig.DataConfig c) {
        boolean inat = c.dataset.equals("inaturalist2018");
        return new Normalisation(
                floats(c.augment.mean, inat ? Normalisation.INATURALIST_MEAN : Normalisation.IMAGENET_MEAN),
                floats(c.augment.std, inat ? Normalisation.INATURALIST_STD : Normalisation.IMAGENET_STD));
    }

    private static ImageFiles[] folders(RunConfig.DataConfig c, Path root, long seed, List<String> notes) {
        ImageFiles train;
        ImageFiles val = null;
        ImageFiles test;
        boolean split = Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("val"));
        if (split) {
            train = ImageFolder.read(root.resolve("train"), "image-folder/train");
            ImageFiles v = ImageFolder.read(root.resolve("val"), "image-folder/val", train.classNames());
            if (Files.isDirectory(root.resolve("test"))) {
                val = v;
                test = ImageFolder.read(root.resolve("test"), "image-folder/test", train.classNames());
                notes.add("folders " + root + "/{train,val,test}, reported on test");
            } else {
                test = v;
                notes.add("folders " + root + "/{train,val}, reported on val");
            }
            if (c.holdOut > 0 || c.holdOutPerClass > 0) {
                throw new BadInputException("config key 'data.hold_out' applies to a single image tree; " + root
                        + " has train/ and val/ folders already");
            }
        } else {
            ImageFiles all = ImageFolder.read(root, "image-folder");
            if (c.holdOut == 0 && c.holdOutPerClass == 0) {
                throw new BadInputException("image folder " + root + " has no train/ and val/ sub-folders: set"
                        + " data.hold_out (a fraction per class) or data.hold_out_per_class to test on part of it");
            }
            HoldOut.Parts parts = c.holdOut > 0 ? HoldOut.fraction(all, c.holdOut, seed)
                    : HoldOut.perClass(all, c.holdOutPerClass, seed);
            train = all.subset(parts.train(), "image-folder/train");
            test = all.subset(parts.heldOut(), "image-folder/held-out");
            notes.add("one tree " + root + ", " + parts.description());
        }
        if (c.longTail) {
            LongTailProfile profile = "step".equals(c.profile) ? LongTailProfile.step(c.imbalanceRatio)
                    : LongTailProfile.exponential(c.imbalanceRatio);
            ClassOrder order = "permuted".equals(c.classOrder) ? ClassOrder.permuted(c.orderSeed) : ClassOrder.natural();
            LongTailSplit cut = LongTailSplit.create(train, profile, order, seed, c.maxPerClass);
            train = train.subset(cut.indices(), "image-folder/train-lt");
            notes.add("training set cut to a long tail: " + cut.description());
        }
        return new ImageFiles[] {train, val, test};
    }

    private static java.util.Map<String, String> prefixMap(List<String> entries) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("config key 'data.path_prefixes' has \"" + entry
                        + "\"; expected FROM=TO (a path prefix of the list and its replacement)");
            }
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return map;
    }

    private static ListFile.Lines inatLines(Path file, int classes) {
        if (file.getFileName().toString().endsWith(".json")) {
            ListFile.Lines lines = INaturalistJson.read(file).lines();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.labels()[i] >= classes) {
                    throw new BadInputException(lines.where(i) + ": category_id " + lines.labels()[i]
                            + " is out of range; expected 0.." + (classes - 1));
                }
            }
            return lines;
        }
        return ListFile.read(file, classes);
    }

    private static ClassGroups groups(RunConfig.DataConfig c, int[] counts) {
        RunConfig.GroupsConfig g = c.groups;
        return switch (g.rule) {
            case "ranges" -> ClassGroups.ranges(counts.length, g.boundaries.get(0), g.boundaries.get(1));
            case "thirds" -> ClassGroups.thirds(counts);
            case "cb" -> ClassGroups.cb(counts);
            case "oltr" -> ClassGroups.oltr(counts);
            case "mislas-ranges" -> ClassGroups.mislasRanges(c.dataset, counts.length);
            default -> ClassGroups.thresholds(counts, g.manyAbove, g.fewBelow);
        };
    }

    private static Path listPath(String configured, Path root, String usual, String key) {
        if (configured != null) {
            return Path.of(configured);
        }
        if (usual == null) {
            throw new BadInputException("config key '" + key + "' is not set; image-list needs its list file");
        }
        return root.resolve(usual);
    }

    private static Path optionalList(String configured, Path root, String usual) {
        if (configured != null) {
            return Path.of(configured);
        }
        return usual != null && Files.isRegularFile(root.resolve(usual)) ? root.resolve(usual) : null;
    }

    /** Class folder names in Places' easy format ('/' as '-'), for places-256-to-easy on the test list. */
    private static List<String> easyNames(List<String> names) {
        return names.stream().map(n -> n.replace('/', '-')).toList();
    }

    private static List<String> easyOr(PathRewrite rewrite, List<String> names, List<String> easy) {
        return rewrite.writesEasyFormat() ? easy : names;
    }

    private static ImageFiles withNames(ImageFiles set, List<String> names) {
        if (set.classNames().equals(names)) {
            return set;
        }
        String[] paths = new String[set.size()];
        String[] origins = new String[set.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = set.path(i).toString();
            origins[i] = set.origin(i);
        }
        return new ImageFiles(set.name(), paths, origins, set.labels(), names);
    }

    private static List<String> classNames(Path file) {
        try {
            List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (names.isEmpty()) {
                throw new BadInputException(file + ": no class names; expected one per line in label order");
            }
            return names;
        } catch (IOException e) {
            throw new BadInputException("cannot read class names file " + file + ": " + e.getMessage(), e);
        }
    }

    private static float[] floats(List<Double> values, float[] fallback) {
        if (values.isEmpty()) {
            return fallback;
        }
        if (values.size() != 3) {
            throw new BadInputException("config key 'data.augment.mean' has " + values.size()
                    + " values, expected 3 (RGB) for image files");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
