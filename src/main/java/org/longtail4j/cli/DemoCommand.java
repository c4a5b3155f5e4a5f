package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.longtail4j.config.BuiltInConfigs;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.ResultTable;
import org.longtail4j.reports.RunReport;
import org.longtail4j.training.RecipeRunner;
import org.longtail4j.training.StageTwoVariants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The paper's story on Fashion-MNIST-LT: stage 1 (CE + mixup) once, then classifier",
            "re-training as DR and as DR + H2T, and a table of the three models.",
            "Writes OUT/stage1, OUT/dr, OUT/dr_h2t (run folders) and OUT/summary.json."})
final class DemoCommand implements Callable<Integer> {

    static final String CONFIG = "fashion-mnist-lt/demo.yaml";
    static final String QUICK_CONFIG = "fashion-mnist-lt/demo-quick.yaml";

    @Option(names = "--quick", description = "A smoke version that finishes in about a minute.")
    boolean quick;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: runs/demo-TIMESTAMP).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four Fashion-MNIST .gz files.")
    Path data;

    @Option(names = "--download", description = "Fetch Fashion-MNIST from its canonical location if missing.")
    boolean download;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override a key of the demo config.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(overrides);
        if (data != null) {
            all.add("data.root=" + data);
        }
        if (download) {
            all.add("data.download=true");
        }
        RunConfig config = ConfigLoader.load(BuiltInConfigs.path(quick ? QUICK_CONFIG : CONFIG), all);
        Path dir = out != null ? out : RunFolders.fresh(quick ? "demo-quick" : "demo");
        ConsoleProgress progress = ConsoleProgress.forConsole();
        long started = System.nanoTime();

        RecipeRunner.Outcome stageOne = StageTwoVariants.trainStageOne(config, dir.resolve("stage1"), progress);
        double p = config.stage2.h2t.p;
        Map<String, RecipeRunner.Outcome> stageTwo = StageTwoVariants.run(config, stageOne.runDir(), dir,
                List.of(new StageTwoVariants.Variant("dr", List.of("stage2.h2t.p=0")),
                        new StageTwoVariants.Variant("dr_h2t", List.of("stage2.h2t.p=" + p))),
                progress);

        ResultTable table = new ResultTable()
                .add(RunReport.row("stage 1 (CE + mixup)", stageOne.finalStage().last()))
                .add(RunReport.row("DR", stageTwo.get("dr").finalStage().last()))
                .add(RunReport.row("DR + H2T (p " + p + ")", stageTwo.get("dr_h2t").finalStage().last()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stage1", results(stageOne));
        summary.put("dr", results(stageTwo.get("dr")));
        summary.put("dr_h2t", results(stageTwo.get("dr_h2t")));
        Json.write(dir.resolve("summary.json"), summary);
        String text = table.render() + RunReport.groupsLine(stageOne.finalStage().last())
                + "figures: test set, last epoch of each stage; split: " + stageOne.data().split().description() + "\n";
        Files2.writeAtomically(dir.resolve("summary.txt"), text);
        System.out.print(text);
        System.out.printf(Locale.ROOT, "demo finished in %.1f minutes; results in %s%n",
                (System.nanoTime() - started) / 60e9, dir);
        return 0;
    }

    /** The row's results.json as written in its run folder. */
    private static Object results(RecipeRunner.Outcome outcome) throws java.io.IOException {
        return Json.mapper().readValue(outcome.runDir().resolve("results.json").toFile(), Map.class);
    }
}
