package org.longtail4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"List the config keys (--keys) with their types, defaults and meanings.",
            "The list is read from the config classes themselves, so it is every key a config file or",
            "--set may give. Parts (sampler, mixing, transform, loss, edits, prediction) and their",
            "settings are listed by 'longtail methods'; the configs/ folder has worked examples."})
final class ConfigCommand implements Callable<Integer> {

    @Option(names = "--keys", description = "List every config key with its type, default and meaning.")
    boolean keys;

    @Override
    public Integer call() {
        if (!keys) {
            throw new BadInputException("config needs --keys (the only thing it does so far)");
        }
        List<ConfigKeys.Key> all = ConfigKeys.all();
        int width = all.stream().mapToInt(k -> k.name().length()).max().orElse(0);
        int typeWidth = all.stream().mapToInt(k -> k.type().length()).max().orElse(0);
        int defaultWidth = all.stream().mapToInt(k -> k.defaultValue().length()).max().orElse(0);
        String row = "%-" + width + "s  %-" + typeWidth + "s  %-" + defaultWidth + "s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(row, "key", "type", "default", "meaning"));
        for (ConfigKeys.Key k : all) {
            out.append(String.format(row, k.name(), k.type(), k.defaultValue(), k.meaning()));
        }
        System.out.print(out);
        return 0;
    }
}
