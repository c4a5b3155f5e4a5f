package org.longtail4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.longtail4j.BadInputException;
import org.longtail4j.table.TableFile;
import org.longtail4j.table.TablePlan;
import org.longtail4j.table.TableResults;
import org.longtail4j.table.TableRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Measure a results table: every row of a table file over seeds, with the paper's figures.",
            "A table file (docs/table.md) names the rows in the paper's order (display name",
            "-> row config), the dataset they are on and the published table beside them.",
            "Rows whose first stage is the same run train it once per seed and start their",
            "later stages from it. Runs seed by seed, printing the table so far after each:",
            "many / medium / few / all, mean ± sample std over seeds. Writes OUT/seed-S/...",
            "(run folders) and OUT/table.txt, .md, .csv, .json and .html (the published",
            "figures beside ours). Run the same command again to continue: finished runs",
            "are read back, an interrupted one resumes; a folder holding a different run",
            "is refused.",
            "Examples:",
            "  longtail table -c configs/fashion-mnist-lt/table-single.yaml --seeds 0,1,2",
            "  longtail table -c configs/fashion-mnist-lt/table-single.yaml --smoke --seeds 0"})
final class TableCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The table file, e.g. configs/fashion-mnist-lt/table-single.yaml.")
    Path config;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Seeds to run (default: 0,1,2).")
    List<Long> seeds = new ArrayList<>(List.of(0L, 1L, 2L));

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder (default: runs/NAME, or runs/NAME-smoke with --smoke; NAME from the table file).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the dataset is, for every row: sets data.root to this path as typed.")
    Path data;

    @Option(names = "--download",
            description = "Fetch missing data from the dataset's canonical location, checksums verified.")
    boolean download;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config key of every row, e.g. --set data.max_per_class=1000 (repeatable); "
                    + "a key of a stage must name a stage every row has.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--smoke", description = {"Run every row as train --smoke does (one epoch of 2 batches per stage,"
            + " one evaluation batch): checks the whole table in minutes; its figures mean nothing."})
    boolean smoke;

    @Override
    public Integer call() throws Exception {
        if (seeds.isEmpty()) {
            throw new BadInputException("--seeds: expected at least one seed, e.g. --seeds 0,1,2");
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new BadInputException("--seeds " + seeds + ": a seed is given twice");
        }
        TableFile table = TableFile.read(config);
        TablePlan plan = TablePlan.of(table, ConfigOptions.overrides(overrides, data, download), smoke);
        Path dir = out != null ? out : Path.of("runs", table.name() + (smoke ? "-smoke" : ""));
        long started = System.nanoTime();

        System.out.print(table.name() + (smoke ? " (smoke run)" : "") + ": " + plan.describe(seeds.size()));
        System.out.println("run folders and the table in " + dir);
        TableRun run = new TableRun(plan, dir, ConsoleProgress.forConsole(), System.out);
        run.checkExisting(seeds);
        Files.createDirectories(dir);
        run.run(seeds, new TableResults(table, plan, smoke), soFar -> {
            soFar.write(dir);
            System.out.print("\n" + soFar.text() + "\n");
        });
        System.out.printf(Locale.ROOT, "table finished in %.1f minutes (%s); table.txt, .md, .csv, .json and .html in %s%n",
                (System.nanoTime() - started) / 60e9, run.summary(), dir);
        return 0;
    }
}
