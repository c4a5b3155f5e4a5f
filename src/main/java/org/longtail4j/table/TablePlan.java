package org.longtail4j.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.training.StageTwoVariants;

/**
 * What a table trains: every row's config read and checked, and the rows grouped by their first
 * stage. Rows whose first stage is the same run (the same data, model, seed, evaluation and first
 * stage with all its parts resolved; the row's name and later stages aside) share one stage-1 run per
 * seed, and their later stages start from its last checkpoint, as {@code train --stage1-run} does. A
 * row with a single stage is read from its stage-1 run.
 *
 * <pre>
 * OUT/seed-S/FIRST/   the stage-1 run of a group: FIRST is the first stage's name and a row's folder,
 *                     e.g. stage1-ce (a single-stage row of the group where there is one)
 * OUT/seed-S/ROW/     a row's later stages, ROW its config's file name without .yaml, e.g. dr-h2t
 * </pre>
 */
public final class TablePlan {

    /**
     * One row.
     *
     * @param name the display name
     * @param configFile the row config
     * @param config the row config as read (with the command's overrides; seed as in the file)
     * @param folder the folder of its later-stage runs, under each seed's folder
     * @param firstStage the key of its group
     */
    public record Row(String name, Path configFile, RunConfig config, String folder, String firstStage) {

        /** Whether the row is its first stage alone (its figures are the stage-1 run's). */
        public boolean singleStage() {
            return config.stages.size() == 1;
        }
    }

    /**
     * A first stage shared by rows.
     *
     * @param key its folder name under each seed's folder
     * @param config the run it is: the first stage alone, named by the key (seed as in the files)
     * @param rows the display names of the rows that share it, in table order
     */
    public record FirstStage(String key, RunConfig config, List<String> rows) {}

    private final List<Row> rows;
    private final Map<String, FirstStage> firstStages;

    private TablePlan(List<Row> rows, Map<String, FirstStage> firstStages) {
        this.rows = rows;
        this.firstStages = firstStages;
    }

    /**
     * Reads every row config with {@code overrides} (as {@code --set} takes them, applied to every row)
     * and groups the rows; any mistake is one line before anything runs.
     *
     * @param smoke whether every run is a smoke run ({@code train --smoke})
     */
    public static TablePlan of(TableFile table, List<String> overrides, boolean smoke) {
        Map<String, List<String>> byIdentity = new LinkedHashMap<>();
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        Map<String, String> identities = new LinkedHashMap<>();
        for (Map.Entry<String, Path> row : table.rows().entrySet()) {
            String where = "table file " + table.file() + ", row '" + row.getKey() + "': ";
            RunConfig config;
            try {
                requireStages(ConfigLoader.load(row.getValue(), List.of()), overrides);
                config = ConfigLoader.load(row.getValue(), overrides);
                StageComposer.check(config);
            } catch (BadInputException e) {
                throw new BadInputException(where + e.getMessage(), e);
            }
            if (config.stages.isEmpty()) {
                throw new BadInputException(where + "its config " + row.getValue()
                        + " has no stage to train (config key 'stages' is empty)");
            }
            config.runtime.smoke = smoke;
            String identity = identity(config);
            configs.put(row.getKey(), config);
            identities.put(row.getKey(), identity);
            byIdentity.computeIfAbsent(identity, k -> new ArrayList<>()).add(row.getKey());
        }
        Map<String, FirstStage> firstStages = new LinkedHashMap<>();
        Map<String, String> keyOfIdentity = new LinkedHashMap<>();
        Set<String> folders = new HashSet<>();
        for (Map.Entry<String, List<String>> group : byIdentity.entrySet()) {
            // Named after a row that is this stage alone when there is one (its run is the row's run),
            // else after the group's first row.
            String namer = group.getValue().stream().filter(r -> configs.get(r).stages.size() == 1).findFirst()
                    .orElse(group.getValue().get(0));
            RunConfig first = configs.get(namer);
            String key = first.firstStage() + "-" + rowFolder(table.rows().get(namer));
            RunConfig stageOne = ConfigLoader.copy(StageTwoVariants.stageOneConfig(first));
            stageOne.name = key;
            firstStages.put(key, new FirstStage(key, stageOne, List.copyOf(group.getValue())));
            keyOfIdentity.put(group.getKey(), key);
            folders.add(key);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Path> row : table.rows().entrySet()) {
            RunConfig config = configs.get(row.getKey());
            Row r = new Row(row.getKey(), row.getValue(), config, rowFolder(row.getValue()),
                    keyOfIdentity.get(identities.get(row.getKey())));
            if (!r.singleStage() && !folders.add(r.folder())) {
                throw new BadInputException("table file " + table.file() + ", row '" + r.name() + "': its run folder "
                        + "name '" + r.folder() + "' is also a first stage's folder; rename its config file");
            }
            rows.add(r);
        }
        return new TablePlan(List.copyOf(rows), firstStages);
    }

    /**
     * An override inside a stage the row lacks ({@code stages.stage2.epochs=1} for a one-stage row)
     * would add a stage without a method to it: say so plainly.
     */
    private static void requireStages(RunConfig config, List<String> overrides) {
        for (String override : overrides) {
            String[] key = override.split("=", 2)[0].trim().split("\\.");
            if (key.length > 2 && key[0].equals("stages") && !config.stages.containsKey(key[1])) {
                throw new BadInputException("--set " + override + ": this row has no stage '" + key[1] + "' (it has "
                        + config.stages.keySet() + "); --set applies to every row of the table");
            }
        }
    }

    /**
     * The first stage's run with everything that does not change it left out: the row's name, its
     * later stages and how the machine runs it (runtime; smoke runs are never mixed with full ones,
     * and every row of a table has the same smoke setting).
     */
    private static String identity(RunConfig config) {
        RunConfig stageOne = StageComposer.resolve(ConfigLoader.copy(StageTwoVariants.stageOneConfig(config)));
        stageOne.name = "";
        stageOne.runtime = new RunConfig.RuntimeConfig();
        return ConfigLoader.toYaml(ConfigLoader.asSaved(stageOne));
    }

    /** A row's folder name: its config's file name without {@code .yaml}. */
    static String rowFolder(Path config) {
        return config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** The rows, in table order. */
    public List<Row> rows() {
        return rows;
    }

    /** The first stages by key, in the order their first row comes. */
    public Map<String, FirstStage> firstStages() {
        return firstStages;
    }

    /** Runs of later stages per seed: one per row with more than one stage. */
    public long laterStageRuns() {
        return rows.stream().filter(r -> !r.singleStage()).count();
    }

    /** "19 rows, 11 distinct first stages, 3 seeds: 33 stage-1 runs + 27 later-stage runs", then the groups. */
    public String describe(int seeds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d rows, %d distinct first stages, %d seed%s: %d stage-1 runs + %d later-stage runs%n", rows.size(),
                firstStages.size(), seeds, seeds == 1 ? "" : "s", firstStages.size() * (long) seeds,
                laterStageRuns() * seeds));
        for (FirstStage f : firstStages.values()) {
            out.append("  ").append(f.key()).append(": ").append(String.join(", ", f.rows())).append('\n');
        }
        return out.toString();
    }
}
