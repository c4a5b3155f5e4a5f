package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.reports.RunReport;
import org.longtail4j.training.RecipeRunner;
import org.longtail4j.training.StageTwoVariants;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a recipe (its stages, in order) into a run folder.",
            "Examples:",
            "  longtail train --config configs/cifar100-lt/ir100-dr-h2t.yaml --data ~/data/cifar-100-python",
            "  longtail train --resume runs/ir100-dr-h2t-20261124-101500",
            "  longtail train --config configs/cifar100-lt/ir100-dr-h2t.yaml --stage1-run runs/ir100-ce-mixup"})
final class TrainCommand implements Callable<Integer> {

    @ArgGroup(exclusive = false)
    ConfigOptions options = new ConfigOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: runs/NAME-TIMESTAMP).")
    Path out;

    @Option(names = "--smoke", description = {"Check the recipe end to end on a few batches: every stage runs one epoch of "
            + "2 batches and evaluates on one batch (runtime.smoke); the run folder is complete, its figures mean nothing."})
    boolean smoke;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue a killed run from its last checkpoints.")
    Path resume;

    @Option(names = "--stage1-run", paramLabel = "DIR",
            description = "Start stage 2 from this run's stage-1 weights instead of training stage 1.")
    Path stage1Run;

    @Override
    public Integer call() throws Exception {
        RecipeRunner.Outcome outcome;
        if (resume != null) {
            if (options.config != null || !options.overrides.isEmpty() || options.download) {
                throw new BadInputException("--resume continues a run with its saved config; drop --config, --set"
                        + " and --download (--data may say where the data are now)");
            }
            outcome = RecipeRunner.resume(resume, options.data, ConsoleProgress.forConsole());
        } else {
            if (options.config == null) {
                throw new BadInputException("train needs --config FILE (or --resume DIR); see configs/ for examples");
            }
            RunConfig config = options.load();
            if (smoke) {
                config.runtime.smoke = true;
            }
            String startStage = config.firstStage();
            if (stage1Run != null && startStage != null) {
                config = StageTwoVariants.laterStagesConfig(config);
            }
            outcome = RecipeRunner.start(config, out != null ? out : RunFolders.fresh(config.name), stage1Run,
                    startStage, ConsoleProgress.forConsole());
        }
        System.out.print(RunReport.table(outcome));
        System.out.println("run folder: " + outcome.runDir());
        return 0;
    }
}
