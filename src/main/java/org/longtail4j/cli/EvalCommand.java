package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.ResultTable;
import org.longtail4j.reports.RunReport;
import org.longtail4j.training.RunEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's checkpoint on the test set and print its figures.",
            "Example: longtail eval --run runs/demo --stage stage2 --best"})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run folder made by train or demo.")
    Path run;

    @Option(names = "--stage", paramLabel = "STAGE", description = "A stage of the run (default: its last stage that has the checkpoint; the output says which).")
    String stage;

    @Option(names = "--best", description = "Use the best-epoch checkpoint instead of the last one.")
    boolean best;

    @Option(names = "--json", description = "Print the full result as JSON instead of a table.")
    boolean json;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the dataset is now, if it has moved since the run (default: the run's data.root).")
    Path data;

    @Override
    public Integer call() throws Exception {
        RunEvaluation.Result result = RunEvaluation.evaluate(run, stage, best, data);
        EvaluationResult r = result.evaluation();
        if (json) {
            System.out.print(Json.pretty(r));
        } else {
            ResultTable table = new ResultTable().add(RunReport.row(result.describe(), r));
            if (result.validation() != null) {
                table.add(RunReport.row(result.stage() + " validation split", result.validation()));
            }
            System.out.print(table.render());
            System.out.print(RunReport.expertsLine(result.stage(), r));
            System.out.print(RunReport.groupsLine(r));
        }
        return 0;
    }
}
