package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.longtail4j.reports.ComparePage;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.RunComparison;
import org.longtail4j.reports.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Put runs side by side, pairing the seeds of one recipe.",
            "Runs of the same recipe (same config but for the seed) are one row with",
            "mean ± sample std over seeds; every other recipe is compared with the first",
            "seed by seed (paired differences), which is how 'does H2T help' is read.",
            "Compares each run's last finished stage unless --stage is given.",
            "Example (a demo over three seeds):",
            "  longtail compare runs/demo/seed-*/dr runs/demo/seed-*/dr_h2t --html compare.html"})
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run folders; the first one's recipe is the baseline.")
    List<Path> runs;

    @Option(names = "--stage", paramLabel = "NAME", description = "Compare this stage of every run (e.g. stage1).")
    String stage;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the comparison as a self-contained page.")
    Path html;

    @Override
    public Integer call() throws Exception {
        List<RunFolder> folders = new ArrayList<>();
        for (Path run : runs) {
            folders.add(RunFolder.read(run));
        }
        RunComparison comparison = RunComparison.of(folders, stage);
        System.out.print(comparison.text());
        if (html != null) {
            Files2.writeAtomically(html, ComparePage.html(comparison));
            System.out.println("wrote " + html);
        }
        return 0;
    }
}
