package org.longtail4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.evaluation.ChosenOn;
import org.longtail4j.data.files.ImageFileData;
import org.longtail4j.data.files.ImageFiles;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;

/**
 * The data of a run as training and evaluation use it, whatever the dataset: the training set with the
 * maker of its augmented samples, the test set (and the validation set, where the dataset has its own)
 * with the maker of their test-time samples, the class groups, and the worker threads that make samples.
 *
 * <p>The small datasets (Fashion-MNIST, CIFAR) are held in memory ({@link PreparedData}; one background
 * thread makes batches, as before); the image-file datasets ({@link ImageFileData}) are decoded and
 * transformed per batch on {@code data.workers} threads and never held.
 */
public final class RunData {

    /** The file listing a run's training images (image-file datasets), one "path label" line each. */
    public static final String TRAIN_FILES = "train_files.txt";
    /** The file listing a small dataset's kept training images, one index per line. */
    public static final String TRAIN_INDICES = "train_indices.txt";
    /** The file listing a small dataset's held-out validation images (data.validation_per_class). */
    public static final String VALIDATION_INDICES = "validation_indices.txt";
    /** The file listing a run's validation images, where the dataset has its own validation set. */
    public static final String VALIDATION_FILES = "validation_files.txt";
    /** The file listing the images a run is reported on. */
    public static final String TEST_FILES = "test_files.txt";

    private final LabelledImages train;
    private final LabelledImages validation;
    private final LabelledImages test;
    private final ClassGroups groups;
    private final SampleMaker trainMaker;
    private final SampleMaker validationMaker;
    private final SampleMaker testMaker;
    private final int workers;
    private final PreparedData small;
    private final ImageFileData files;
    private final Path dataRoot;

    private RunData(LabelledImages train, LabelledImages validation, LabelledImages test, ClassGroups groups,
            SampleMaker trainMaker, SampleMaker validationMaker, SampleMaker testMaker, int workers,
            PreparedData small, ImageFileData files, Path dataRoot) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.groups = groups;
        this.trainMaker = trainMaker;
        this.validationMaker = validationMaker;
        this.testMaker = testMaker;
        this.workers = workers;
        this.small = small;
        this.files = files;
        this.dataRoot = dataRoot;
    }

    /** Reads the dataset {@code config} names and prepares it for a run seeded with {@code seed}. */
    public static RunData prepare(RunConfig.DataConfig config, long seed) {
        if (RunConfig.DataConfig.IMAGE_FILE_DATASETS.contains(config.dataset)) {
            ImageFileData f = DataSources.prepareFiles(config, seed);
            Path root = config.root == null ? null : Path.of(config.root).toAbsolutePath().normalize();
            return new RunData(f.train(), f.validation(), f.test(), f.groups(), f.trainMaker(), f.validationMaker(),
                    f.testMaker(), f.workers(), null, f, root);
        }
        PreparedData d = DataSources.prepare(config, seed);
        Augmentation trainAugmentation = new Augmentation(config.augment.pad, config.augment.flip,
                config.augment.rotation, d.mean(), d.std());
        Augmentation testAugmentation = new Augmentation(0, false, d.mean(), d.std());
        return new RunData(d.train(), d.validation(), d.test(), d.groups(), trainAugmentation.maker(d.train()),
                d.validation() == null ? null : testAugmentation.maker(d.validation()), testAugmentation.maker(d.test()),
                1, d, null, null);
    }

    /** The training set (long-tailed), labels in the run's order. */
    public LabelledImages train() {
        return train;
    }

    /**
     * The validation set, or null: for the small datasets the split held out by data.validation_per_class,
     * for image files the dataset's own (ImageNet-LT, CB's Places-LT, an image folder with test/).
     */
    public LabelledImages validation() {
        return validation;
    }

    /** Where the validation set comes from, in the words reports use; null without one. */
    public String validationSource() {
        if (validation == null) {
            return null;
        }
        return small != null ? ChosenOn.heldOut(small.split().validationPerClass()) : ChosenOn.DATASET_LIST;
    }

    /** The set the run is reported on. */
    public LabelledImages test() {
        return test;
    }

    public ClassGroups groups() {
        return groups;
    }

    /** Augmented training samples. */
    public SampleMaker trainMaker() {
        return trainMaker;
    }

    /** Test-time samples of the validation set; null when there is none. */
    public SampleMaker validationMaker() {
        return validationMaker;
    }

    /** Test-time samples of the test set. */
    public SampleMaker testMaker() {
        return testMaker;
    }

    /** Threads making samples (1 for the in-memory datasets). */
    public int workers() {
        return workers;
    }

    /** Channels, height and width of every sample the model sees. */
    public int channels() {
        return testMaker.channels();
    }

    public int height() {
        return testMaker.height();
    }

    public int width() {
        return testMaker.width();
    }

    public List<String> classNames() {
        return train.classNames();
    }

    /** The training counts and the groups, as every part of a method sees them. */
    public ClassStatistics classStatistics() {
        return new ClassStatistics(train.classCounts(), groups);
    }

    /** How the training set was made, for reports. */
    public String description() {
        return small != null ? small.split().description() : files.description();
    }

    /** The in-memory data (Fashion-MNIST, CIFAR), or null for an image-file dataset. */
    public PreparedData inMemory() {
        return small;
    }

    /**
     * Writes what a new run records about its data into {@code runDir}: split.json (class names, counts and
     * groups) always; for the small datasets train_indices.txt (the kept images); for image files
     * train_files.txt, validation_files.txt (when the dataset has one) and test_files.txt ("path label"
     * lines, labels in the run's order, paths relative to data.root where they lie under it), and
     * classes.tsv, groups.txt, data.txt ({@link ImageFileData#writeRunFiles}).
     */
    public void writeRunFiles(Path runDir) throws IOException {
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("description", description());
        split.put("train_size", train.size());
        if (validation != null) {
            split.put("validation_size", validation.size());
            if (small != null) {
                split.put("validation_per_class", small.split().validationPerClass());
            }
        }
        split.put("test_size", test.size());
        split.put("class_names", classNames());
        split.put("class_counts", train.classCounts());
        if (small != null) {
            split.put("rank_to_label", small.split().rankToLabel());
        } else {
            int[] original = new int[train.numClasses()];
            for (int label = 0; label < original.length; label++) {
                original[label] = files.labelMap().originalLabel(label);
            }
            split.put("original_labels", original);
        }
        split.put("groups", groups);
        Json.write(runDir.resolve("split.json"), split);
        if (small != null) {
            small.split().writeIndexFile(runDir.resolve(TRAIN_INDICES));
            if (validation != null) {
                small.split().writeValidationIndexFile(runDir.resolve(VALIDATION_INDICES));
            }
            return;
        }
        Files2.writeAtomically(runDir.resolve(TRAIN_FILES), listing(files.train()));
        if (validation != null) {
            Files2.writeAtomically(runDir.resolve(VALIDATION_FILES), listing(files.validation()));
        }
        Files2.writeAtomically(runDir.resolve(TEST_FILES), listing(files.test()));
        files.writeRunFiles(runDir);
    }

    /**
     * On resume: the training (and validation) images read again must be those the run started with, or
     * the resumed epochs would train on another set without a word. The small datasets draw their split
     * again from the saved config, compared with train_indices.txt and validation_indices.txt; image
     * files (files added to or removed from a folder, a changed list) are compared with train_files.txt.
     */
    public void checkSameTrainingSet(Path runDir) throws IOException {
        if (small != null) {
            checkSameIndices(runDir);
            return;
        }
        Path recorded = runDir.resolve(TRAIN_FILES);
        if (!Files.isRegularFile(recorded)) {
            throw new BadInputException("cannot resume " + runDir + ": " + TRAIN_FILES + " is missing (it records the"
                    + " training images the run started with)");
        }
        String[] before = Files.readString(recorded).split("\n");
        String[] now = listing(files.train()).split("\n");
        for (int i = 0; i < Math.max(before.length, now.length); i++) {
            String was = i < before.length ? before[i] : "(nothing)";
            String is = i < now.length ? now[i] : "(nothing)";
            if (!was.equals(is)) {
                throw new BadInputException("cannot resume " + runDir + ": the training images changed since the run"
                        + " started; " + TRAIN_FILES + " line " + (i + 1) + " is \"" + was + "\", the data now give \""
                        + is + "\"");
            }
        }
    }

    private void checkSameIndices(Path runDir) throws IOException {
        LongTailSplit split = small.split();
        Map<String, int[]> files = new LinkedHashMap<>();
        files.put(TRAIN_INDICES, split.indices());
        files.put(VALIDATION_INDICES, split.validationIndices());
        for (Map.Entry<String, int[]> file : files.entrySet()) {
            Path path = runDir.resolve(file.getKey());
            // A missing train_indices.txt is left alone (nothing reads it); a validation split must have its file.
            boolean present = Files.isRegularFile(path);
            boolean mismatch = present ? !Files.readString(path).equals(LongTailSplit.indexText(file.getValue()))
                    : file.getKey().equals(VALIDATION_INDICES) && file.getValue().length > 0;
            if (mismatch) {
                throw new BadInputException("cannot resume " + runDir + ": its " + file.getKey() + " does not match the"
                        + " split its config.yaml draws now (" + split.size() + " training, "
                        + split.validationIndices().length + " validation images); were the data or the"
                        + " config changed?");
            }
        }
    }

    private String listing(ImageFiles set) {
        StringBuilder text = new StringBuilder(set.size() * 48);
        for (int i = 0; i < set.size(); i++) {
            Path path = set.path(i).toAbsolutePath().normalize();
            String shown = dataRoot != null && path.startsWith(dataRoot) ? dataRoot.relativize(path).toString()
                    : path.toString();
            text.append(shown).append(' ').append(set.label(i)).append('\n');
        }
        return text.toString();
    }
}
