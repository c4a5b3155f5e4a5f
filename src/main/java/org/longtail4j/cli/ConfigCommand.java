package org.longtail4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"List the config keys (--keys) with their types and defaults.",
            "The list is read from the config classes themselves, so it is every key a config file or",
            "--set may give. The meaning of each key is in RunConfig.java and StageConfig.java, and in",
            "the configs/ examples."})
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
