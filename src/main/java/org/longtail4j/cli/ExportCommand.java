package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.longtail4j.inference.RunExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's model (its last stage, last checkpoint) as a folder DJL's Criteria loads for"
                + " inference without this toolkit's training code (docs/export.md).",
            "Example: longtail export --run runs/my-photos --out exported/my-photos"})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run folder made by train or demo.")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "The folder to write (must not exist).")
    Path out;

    @Override
    public Integer call() {
        String what = RunExport.export(run, out);
        System.out.println("exported " + what + " to " + out);
        return 0;
    }
}
