package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import picocli.CommandLine.Option;

/** The options every command that reads a config shares: the file, overrides, and data shortcuts. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML run config (see configs/).")
    Path config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set stages.stage1.epochs=10 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Where the dataset is: sets data.root to this path as typed (never read as YAML).")
    Path data;

    @Option(names = "--download",
            description = "Fetch missing data from the dataset's canonical location, checksums verified.")
    boolean download;

    RunConfig load() {
        return ConfigLoader.load(config, overrides(overrides, data, download));
    }

    /** The --set overrides followed by what --data and --download stand for. */
    static List<String> overrides(List<String> sets, Path data, boolean download) {
        List<String> all = new ArrayList<>(sets);
        if (data != null) {
            all.add(ConfigLoader.literalOverride("data.root", data.toString()));
        }
        if (download) {
            all.add("data.download=true");
        }
        return all;
    }
}
