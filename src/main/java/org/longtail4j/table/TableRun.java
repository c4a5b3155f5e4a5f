package org.longtail4j.table;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.reports.Json;
import org.longtail4j.training.ContinuedRuns;
import org.longtail4j.training.RecipeRunner;
import org.longtail4j.training.StageTwoVariants;
import org.longtail4j.training.TrainingObserver;

/**
 * Runs a table's plan seed by seed (every row of one seed before the next seed, so a cut-off table
 * still has whole seeds), each run folder started, continued or read back through
 * {@link ContinuedRuns}: running the same command again finishes the job and trains nothing twice.
 */
public final class TableRun {

    /** Called after each seed with the figures so far. */
    public interface SeedDone {
        void seedDone(TableResults soFar) throws IOException;
    }

    private final TablePlan plan;
    private final Path out;
    private final TrainingObserver observer;
    private final PrintStream notes;
    private final Map<ContinuedRuns.Finished, Integer> counts = new EnumMap<>(ContinuedRuns.Finished.class);

    /**
     * @param out the table's folder (OUT/seed-S/... below it)
     * @param notes where a line per run says whether it trains, continues or is read back
     */
    public TableRun(TablePlan plan, Path out, TrainingObserver observer, PrintStream notes) {
        this.plan = plan;
        this.out = out;
        this.observer = observer;
        this.notes = notes;
        for (ContinuedRuns.Finished f : ContinuedRuns.Finished.values()) {
            counts.put(f, 0);
        }
    }

    /**
     * Checks every run folder the seeds already have against what the table would run there, before
     * anything trains: a folder holding another run is one error naming it.
     */
    public void checkExisting(List<Long> seeds) throws IOException {
        for (long seed : seeds) {
            for (Step step : steps(seed)) {
                if (Files.exists(step.dir().resolve("config.yaml"))) {
                    ContinuedRuns.requireSameRun(step.dir(), step.config(), step.stage1Run() == null ? null
                            : RecipeRunner.stageCheckpoint(step.stage1Run(), step.startStage()));
                }
            }
        }
    }

    /** Runs every seed into {@code results}, calling {@code done} after each. */
    public void run(List<Long> seeds, TableResults results, SeedDone done) throws IOException {
        for (long seed : seeds) {
            for (Step step : steps(seed)) {
                ContinuedRuns.Finished how = ContinuedRuns.finish(step.config(), step.dir(), step.stage1Run(),
                        step.startStage(), observer, notes, step.label());
                counts.merge(how, 1, Integer::sum);
            }
            Map<String, TableResults.Figures> figures = new LinkedHashMap<>();
            for (TablePlan.Row row : plan.rows()) {
                Path run = rowRun(seed, row);
                figures.put(row.name(), new TableResults.Figures(Json.readMap(run.resolve("results.json")), run));
            }
            results.add(seed, figures);
            done.seedDone(results);
        }
    }

    /** The folder of one seed's runs. */
    public static Path seedFolder(Path out, long seed) {
        return out.resolve("seed-" + seed);
    }

    /** The run whose final stage is the row, on one seed. */
    private Path rowRun(long seed, TablePlan.Row row) {
        return seedFolder(out, seed).resolve(row.singleStage() ? row.firstStage() : row.folder());
    }

    /** One run folder to finish: a first stage, or a row's later stages from its first stage's run. */
    private record Step(RunConfig config, Path dir, Path stage1Run, String startStage, String label) {}

    /** The runs of one seed in order: each row's first stage (once per group), then its later stages. */
    private List<Step> steps(long seed) {
        Path dir = seedFolder(out, seed);
        Set<String> firstDone = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (TablePlan.Row row : plan.rows()) {
            TablePlan.FirstStage first = plan.firstStages().get(row.firstStage());
            Path stageOne = dir.resolve(first.key());
            if (firstDone.add(first.key())) {
                steps.add(new Step(seeded(first.config(), seed), stageOne, null, null,
                        first.key() + " (first stage of " + String.join(", ", first.rows()) + "), seed " + seed));
            }
            if (!row.singleStage()) {
                steps.add(new Step(seeded(StageTwoVariants.laterStagesConfig(row.config()), seed),
                        dir.resolve(row.folder()), stageOne, row.config().firstStage(), row.name() + ", seed " + seed));
            }
        }
        return steps;
    }

    private static RunConfig seeded(RunConfig config, long seed) {
        return ConfigLoader.withOverride(config, "seed=" + seed);
    }

    /** "trained 5 runs, continued 1, read back 12 finished ones". */
    public String summary() {
        return "trained " + counts.get(ContinuedRuns.Finished.STARTED) + " runs, continued "
                + counts.get(ContinuedRuns.Finished.CONTINUED) + ", read back "
                + counts.get(ContinuedRuns.Finished.READ_BACK) + " finished ones";
    }
}
