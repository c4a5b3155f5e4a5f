package org.longtail4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.config.BuiltInConfigs;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.ResultTable;
import org.longtail4j.reports.RunReport;
import org.longtail4j.reports.SeedSummary;
import org.longtail4j.training.ContinuedRuns;
import org.longtail4j.training.RecipeRunner;
import org.longtail4j.training.StageTwoVariants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The paper's story on Fashion-MNIST-LT: CE + mixup, then DR and DR + H2T, in one table.",
            "Stage 1 (CE + mixup) is trained once, then the classifier is re-trained from it as DR and as",
            "DR + H2T, and a table of the three models is printed.",
            "Writes OUT/stage1, OUT/dr, OUT/dr_h2t (run folders), OUT/summary.json and OUT/summary.txt.",
            "With --seeds 0,1,2 it repeats the demo per seed (OUT/seed-N) and reports mean and std per row;",
            "a seed whose folder already holds a finished demo of the same config is reused."})
final class DemoCommand implements Callable<Integer> {

    static final String CONFIG = "fashion-mnist-lt/demo.yaml";
    static final String QUICK_CONFIG = "fashion-mnist-lt/demo-quick.yaml";
    private static final List<String> ROWS = List.of("stage1", "dr", "dr_h2t");

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

    @Option(names = "--seeds", split = ",", paramLabel = "N,N,...",
            description = "Run the demo once per seed and report mean and standard deviation of each row.")
    List<Long> seeds = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(overrides);
        if (data != null) {
            all.add(ConfigLoader.literalOverride("data.root", data.toString()));
        }
        if (download) {
            all.add("data.download=true");
        }
        RunConfig config = ConfigLoader.load(BuiltInConfigs.path(quick ? QUICK_CONFIG : CONFIG), all);
        Path dir = out != null ? out : RunFolders.fresh(quick ? "demo-quick" : "demo");
        long started = System.nanoTime();
        if (seeds.isEmpty()) {
            System.out.print(runOnce(config, dir).text());
        } else {
            SeedSummary summary = new SeedSummary(ROWS);
            for (long seed : seeds) {
                RunConfig seeded = ConfigLoader.withOverride(config, "seed=" + seed);
                Path seedDir = dir.resolve("seed-" + seed);
                summary.add(seed, finished(seeded, seedDir) ? readSummary(seedDir) : runOnce(seeded, seedDir).results());
            }
            Json.write(dir.resolve("seeds.json"), summary.toJson());
            String text = summary.render(Map.of("stage1", "stage 1 (CE + mixup)", "dr", "DR",
                    "dr_h2t", "DR + H2T (p " + fusionRatio(config) + ")"));
            Files2.writeAtomically(dir.resolve("seeds.txt"), text);
            System.out.print(text);
        }
        System.out.printf(Locale.ROOT, "demo finished in %.1f minutes; results in %s%n",
                (System.nanoTime() - started) / 60e9, dir);
        return 0;
    }

    /** One demo: its rows' results.json contents, and the table text. */
    private record Demo(Map<String, Map<String, Object>> results, String text) {}

    private static Demo runOnce(RunConfig config, Path dir) throws IOException {
        ConsoleProgress progress = ConsoleProgress.forConsole();
        // each run folder is started, or continued where an interrupted demo stopped
        RecipeRunner.Outcome stageOne = ContinuedRuns.startOrContinue(StageTwoVariants.stageOneConfig(config),
                dir.resolve("stage1"), null, null, progress);
        Map<String, RecipeRunner.Outcome> stageTwo = new LinkedHashMap<>();
        for (StageTwoVariants.Variant variant : List.of(
                new StageTwoVariants.Variant("dr", List.of("stages." + secondStage(config) + ".transform=none")),
                new StageTwoVariants.Variant("dr_h2t", List.of()))) {
            stageTwo.put(variant.key(), ContinuedRuns.startOrContinue(StageTwoVariants.configFor(config, variant),
                    dir.resolve(variant.key()), stageOne.runDir(), config.firstStage(), progress));
        }

        ResultTable table = new ResultTable()
                .add(RunReport.row("stage 1 (CE + mixup)", stageOne.finalStage().last()))
                .add(RunReport.row("DR", stageTwo.get("dr").finalStage().last()))
                .add(RunReport.row("DR + H2T (p " + fusionRatio(config) + ")", stageTwo.get("dr_h2t").finalStage().last()));
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        results.put("stage1", results(stageOne));
        results.put("dr", results(stageTwo.get("dr")));
        results.put("dr_h2t", results(stageTwo.get("dr_h2t")));
        Json.write(dir.resolve("summary.json"), results);
        String text = table.render() + RunReport.groupsLine(stageOne.finalStage().last())
                + "figures: test set, last epoch of each stage; seed " + config.seed + "; split: "
                + stageOne.data().description() + "\n";
        Files2.writeAtomically(dir.resolve("summary.txt"), text);
        return new Demo(results, text);
    }

    /**
     * Whether {@code dir} holds a finished demo of exactly this config (its stage-1 run saved the same
     * resolved config): re-running a seed experiment then continues it instead of starting over.
     */
    private static boolean finished(RunConfig config, Path dir) {
        Path saved = dir.resolve("stage1").resolve("config.yaml");
        if (!Files.isRegularFile(dir.resolve("summary.json")) || !Files.isRegularFile(saved)) {
            return false;
        }
        return ConfigLoader.sameSavedRun(StageComposer.resolve(ConfigLoader.loadResolved(saved)),
                StageComposer.resolve(StageTwoVariants.stageOneConfig(config)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> readSummary(Path dir) throws IOException {
        System.out.println("reusing the finished demo in " + dir);
        return Json.mapper().readValue(dir.resolve("summary.json").toFile(), Map.class);
    }

    /** The row's results.json as written in its run folder. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> results(RecipeRunner.Outcome outcome) throws IOException {
        return Json.mapper().readValue(outcome.runDir().resolve("results.json").toFile(), Map.class);
    }

    /** The demo's fusion ratio: p of stage 2's h2t transform (the demo config must have one). */
    static double fusionRatio(RunConfig config) {
        Object transform = config.stages.get(secondStage(config)).transform;
        if (transform instanceof Map<?, ?> t && "h2t".equals(t.get("type")) && t.get("p") instanceof Number p) {
            return p.doubleValue();
        }
        throw new BadInputException("the demo compares DR with DR + H2T: its config's second stage needs transform: "
                + "{type: h2t, p: P}, got " + transform);
    }

    /** The demo's re-training stage: the recipe's second. */
    private static String secondStage(RunConfig config) {
        if (config.stages.size() != 2) {
            throw new BadInputException("the demo's config needs two stages (representation, re-training), got "
                    + config.stages.keySet());
        }
        return List.copyOf(config.stages.keySet()).get(1);
    }
}
