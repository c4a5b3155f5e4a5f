package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.longtail4j.reports.RunReportPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"(Re)build RUN/report.html for existing run folders.",
            "One self-contained page (no network) with the recipe and config, the split, learning curves, per-class",
            "accuracy against training count, group bars, confusion, reliability, time and memory.",
            "Every finished train or demo run writes it already; use this for older runs.",
            "Example: longtail report runs/demo/stage1 runs/demo/dr runs/demo/dr_h2t"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run folders (each with config.yaml).")
    List<Path> runs;

    @Override
    public Integer call() throws Exception {
        for (Path run : runs) {
            System.out.println("wrote " + RunReportPage.write(run));
        }
        return 0;
    }
}
