package org.longtail4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"About run configs. --keys lists every key a config (or --set) may give, with its type and",
            "default, read from the config classes themselves. The meaning of each key is in RunConfig.java",
            "and StageConfig.java, and in the configs/ examples."})
final class ConfigCommand implements Callable<Integer> {

    @Option(names = "--keys", description = "List every config key with its type and default.")
    boolean keys;

    @Override
    public Integer call() {
        if (!keys) {
            throw new BadInputException("config needs --keys (the only thing it does so far)");
        }
        List<ConfigKeys.Key> all = ConfigKeys.all();
        int width = all.stream().mapToInt(k -> k.name().length()).max().orElse(0);
        int typeWidth = all.stream().mapToInt(k -> k.type().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-" + width + "s  %-" + typeWidth + "s  %s%n", "key", "type", "default"));
        for (ConfigKeys.Key k : all) {
            out.append(String.format("%-" + width + "s  %-" + typeWidth + "s  %s%n", k.name(), k.type(),
                    k.defaultValue()));
        }
        System.out.print(out);
        return 0;
    }
}
