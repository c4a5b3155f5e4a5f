package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.PreparedData;
import org.longtail4j.data.files.ImageFileData;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Print the long-tailed split a config makes: per-class counts by frequency rank, and groups.",
            "Image-file datasets (imagenet-lt, places-lt, inaturalist2018, image-folder, image-list): what was read,",
            "the classes in the run's label order with their original labels, and the groups.",
            "Examples: longtail dataset --config configs/fashion-mnist-lt/demo.yaml",
            "          longtail dataset --set data.dataset=image-folder --data PHOTOS --set data.hold_out=0.2"})
final class DatasetCommand implements Callable<Integer> {

    @ArgGroup(exclusive = false)
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--write-indices", paramLabel = "FILE",
            description = "Also write the kept training indices, one per line (readable back with data.indices_file).")
    Path indicesOut;

    @Override
    public Integer call() {
        RunConfig config = options.load();
        if (RunConfig.DataConfig.IMAGE_FILE_DATASETS.contains(config.data.dataset)) {
            return imageFiles(config);
        }
        PreparedData data = DataSources.prepare(config.data, config.seed);
        int[] counts = data.split().classCounts();
        int[] rankToLabel = data.split().rankToLabel();
        ClassGroups groups = data.groups();
        System.out.println(config.data.dataset + ": " + data.split().description());
        System.out.printf(Locale.ROOT, "training images %d (of a balanced %s), test images %d%n", data.train().size(),
                config.data.dataset, data.test().size());
        System.out.printf(Locale.ROOT, "%4s  %5s  %-14s  %6s  %s%n", "rank", "label", "class", "train", "group");
        for (int rank = 0; rank < rankToLabel.length; rank++) {
            int label = rankToLabel[rank];
            System.out.printf(Locale.ROOT, "%4d  %5d  %-14s  %6d  %s%n", rank, label, data.classNames().get(label),
                    counts[label], groups.groupOf(label).toString().toLowerCase(Locale.ROOT));
        }
        System.out.println("groups: " + groups.rule() + " -> many " + groups.many() + ", medium " + groups.medium()
                + ", few " + groups.few());
        if (indicesOut != null) {
            data.split().writeIndexFile(indicesOut);
            System.out.println("indices written to " + indicesOut);
        }
        return 0;
    }

    /** An image-file dataset: what was read, the classes in the run's label order, and the groups. */
    private Integer imageFiles(RunConfig config) {
        if (indicesOut != null) {
            throw new BadInputException("--write-indices applies to the small datasets' long-tailed cut; "
                    + config.data.dataset + " is read from its lists or folders as they are");
        }
        ImageFileData data = DataSources.prepareFiles(config.data, config.seed);
        ClassGroups groups = data.groups();
        System.out.println(config.data.dataset + ": " + data.description());
        System.out.printf(Locale.ROOT, "training images %d, validation images %s, test images %d, classes %d%n",
                data.train().size(), data.validation() == null ? "none" : data.validation().size(), data.test().size(),
                data.train().numClasses());
        int[] counts = data.train().classCounts();
        System.out.printf(Locale.ROOT, "%5s  %8s  %-24s  %6s  %s%n", "label", "original", "class", "train", "group");
        for (int label = 0; label < counts.length; label++) {
            System.out.printf(Locale.ROOT, "%5d  %8d  %-24s  %6d  %s%n", label, data.labelMap().originalLabel(label),
                    data.classNames().get(label), counts[label], groups.groupOf(label).toString().toLowerCase(Locale.ROOT));
        }
        System.out.println("groups: " + groups.rule() + " -> " + groups.many().size() + " / " + groups.medium().size()
                + " / " + groups.few().size() + " classes");
        return 0;
    }
}
