package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.SweepPage;
import org.longtail4j.reports.SweepPlot;
import org.longtail4j.reports.SweepReport;
import org.longtail4j.training.ParameterSweep;
import org.longtail4j.training.SweepSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Re-run the later stages once per value of one config key and plot accuracy against the value.",
            "All values start from one run of the first stage; many / medium / few / all accuracy is plotted",
            "against the value (as the H2T paper plots accuracy against the fusion ratio p).",
            "Trains stage 1 into OUT/stage1 first unless --stage1-run is given. Each value's",
            "stage 2 is a run folder OUT/KEYTAIL-VALUE (e.g. OUT/p-0.3). Writes OUT/sweep.txt",
            "(the table), OUT/sweep.json (value -> results.json), OUT/sweep.png and OUT/sweep.html",
            "(the figure and table; for stages.stage2.transform.p with the paper's curve beside it).",
            "The best value is chosen on the validation split's all top-1 when the config holds one",
            "out (data.validation_per_class), else on the test set's (said so in every output).",
            "Run again with the same arguments to continue a sweep that was cut off:",
            "finished values are read back, an interrupted one resumes.",
            "VALUES: a list v1,v2,... (YAML values, as --set takes them) or a range",
            "start:stop:step, stop included, exact decimals (0:1:0.1 = 0.0, 0.1, ..., 1.0).",
            "Examples:",
            "  longtail sweep -c configs/fashion-mnist-lt/demo.yaml \\",
            "      --set-values stages.stage2.transform.p=0:1:0.1 --out runs/demo-p",
            "  longtail sweep -c configs/cifar100-lt/ir100-dr-h2t.yaml --data DIR \\",
            "      --stage1-run runs/ir100-ce-mixup --set-values stages.stage2.transform.p=0,0.2,0.3,0.5",
            "  longtail sweep -c configs/fashion-mnist-lt/demo.yaml \\",
            "      --stage1-run runs/demo-p/stage1 --set-values stages.stage2.edits.freeze-backbone.bn=shift,frozen"})
final class SweepCommand implements Callable<Integer> {

    @ArgGroup(exclusive = false)
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--set-values", required = true, paramLabel = "KEY=VALUES",
            description = "The key to sweep and its values: KEY=v1,v2,... or KEY=start:stop:step, "
                    + "e.g. stages.stage2.transform.p=0,0.1,0.2 or stages.stage2.transform.p=0:1:0.1.")
    String setValues;

    @Option(names = "--stage1-run", paramLabel = "DIR",
            description = "Start every stage 2 from this run's stage-1 weights instead of training stage 1.")
    Path stage1Run;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: runs/NAME-sweep-TIMESTAMP).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SweepSpec spec = SweepSpec.parse(setValues);
        if (options.config == null) {
            throw new BadInputException("sweep needs --config FILE (the recipe whose stage 2 is swept); see configs/");
        }
        RunConfig config = options.load();
        Path dir = out != null ? out : RunFolders.fresh(config.name + "-sweep");
        long started = System.nanoTime();

        ParameterSweep.Result result = ParameterSweep.run(config, spec, stage1Run, dir, ConsoleProgress.forConsole(),
                System.err);

        String text = "sweep of " + spec.key() + " (" + config.name + ", " + spec.values().size() + " values)\n"
                + SweepReport.table(result);
        Files2.writeAtomically(dir.resolve("sweep.txt"), text);
        Json.write(dir.resolve("sweep.json"), SweepReport.json(result));
        String title = SweepPlot.isFusionRatio(spec.key())
                ? "Accuracy against the fusion ratio p (" + config.name + ")"
                : "Accuracy against " + spec.key() + " (" + config.name + ")";
        SweepPlot.save(dir.resolve("sweep.png"), title, SweepPlot.axisLabel(spec.key()), SweepReport.points(result),
                spec.numeric());
        Files2.writeAtomically(dir.resolve("sweep.html"), SweepPage.html(title, spec.key(), SweepReport.points(result),
                spec.numeric(), SweepReport.dataset(result), config.tuned.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        System.out.print(text);
        System.out.printf(Locale.ROOT, "sweep finished in %.1f minutes; table, sweep.json, sweep.png and sweep.html in %s%n",
                (System.nanoTime() - started) / 60e9, dir);
        return 0;
    }
}
