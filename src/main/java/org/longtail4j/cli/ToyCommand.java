package org.longtail4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.toy.ToyFigure;
import org.longtail4j.reports.toy.ToyPage;
import org.longtail4j.reports.toy.ToySummary;
import org.longtail4j.reports.toy.ToyTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "toy", mixinStandardHelpOptions = true,
        description = {"Draw the H2T paper's decision-boundary figure in seconds.",
            "A 2-D synthetic long-tailed set (a head class of 500 points, a tail class of 10): class-balanced re-training against",
            "H2T's 2-D analogue (one of the two coordinates replaced by an instance-sampled",
            "point's). Writes OUT/toy.png and OUT/toy.html and prints head / tail accuracy over",
            "--repeats seeds. Takes seconds; no engine, no data files.",
            "Example: longtail toy --out runs/toy"})
final class ToyCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: runs/toy-TIMESTAMP).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the drawn figure and first seed of the summary "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--repeats", paramLabel = "N", description = "Seeds the summary averages over "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new BadInputException("--repeats " + repeats + ": expected at least 1");
        }
        Path dir = out != null ? out : RunFolders.fresh("toy");
        ToyTraining.Settings settings = ToyTraining.Settings.defaults();
        ToyTraining.Result shown = ToyTraining.run(settings, seed);
        ToySummary summary = ToySummary.run(settings, seed, repeats);
        byte[] png = ToyFigure.png(shown);
        Files.createDirectories(dir);
        Path image = dir.resolve("toy.png");
        Path partial = dir.resolve("toy.png.partial");
        Files.write(partial, png);
        Files2.move(partial, image);
        Files2.writeAtomically(dir.resolve("toy.html"), ToyPage.html(settings, shown, png, summary));
        System.out.print(summary.text());
        System.out.println("wrote " + image + " and " + dir.resolve("toy.html"));
        return 0;
    }
}
