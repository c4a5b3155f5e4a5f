package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.PreparedData;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Print the long-tailed split a config makes: per-class counts by frequency rank, and groups.",
            "Example: longtail dataset --config configs/fashion-mnist-lt/demo.yaml"})
final class DatasetCommand implements Callable<Integer> {

    @ArgGroup(exclusive = false)
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--write-indices", paramLabel = "FILE",
            description = "Also write the kept training indices, one per line (readable back with data.indices_file).")
    Path indicesOut;

    @Override
    public Integer call() {
        RunConfig config = options.load();
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
}
