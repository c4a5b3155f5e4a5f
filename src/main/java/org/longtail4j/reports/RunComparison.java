package org.longtail4j.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * Several runs side by side. Runs of the same recipe (the same resolved config apart from the seed,
 * where the data is and how the machine runs it) form one group; a group's figures are the mean and
 * sample standard deviation over its seeds, and two groups are compared seed by seed: the paired
 * difference (other - baseline) on each seed both ran, its mean and sample std. Pairing removes the
 * seed-to-seed spread both recipes share (the same split and stage-1 start per seed), which is how
 * "does H2T help here" should be read.
 */
public final class RunComparison {

    /** The figures compared, as results.json names them (percent). */
    public static final List<String> METRICS = SeedSummary.METRICS;

    /**
     * One run's figures.
     *
     * @param run the folder
     * @param stage the stage whose results are compared
     * @param results that stage's results.json
     */
    public record Entry(RunFolder run, String stage, JsonNode results) {

        /** The run's seed, or null. */
        public Long seed() {
            return run.seed();
        }

        /** A figure, NaN when absent (a group without classes). */
        public double value(String metric) {
            JsonNode v = results.path(metric);
            return v.isNumber() ? v.asDouble() : Double.NaN;
        }
    }

    /** Runs of one recipe, in the order given; {@code label} names the recipe. */
    public record Group(String label, List<Entry> entries) {

        /** The entry of a seed, or null. */
        public Entry bySeed(Long seed) {
            for (Entry e : entries) {
                if (java.util.Objects.equals(e.seed(), seed)) {
                    return e;
                }
            }
            return null;
        }

        /** Values of a metric over the group's runs. */
        public double[] values(String metric) {
            return entries.stream().mapToDouble(e -> e.value(metric)).toArray();
        }
    }

    /** Mean and sample standard deviation over n values (std 0 when n = 1). */
    public record Stat(double mean, double std, int n) {

        /** Mean and sample std of {@code v} (NaN where a value is NaN). */
        public static Stat of(double[] v) {
            return new Stat(SeedSummary.mean(v), SeedSummary.std(v), v.length);
        }

        /** "47.73 ± 0.21" (no ± for a single value). */
        public String format() {
            if (n == 0 || Double.isNaN(mean)) {
                return "-";
            }
            return n == 1 ? String.format(Locale.ROOT, "%.2f", mean)
                    : String.format(Locale.ROOT, "%.2f ± %.2f", mean, std);
        }
    }

    /**
     * Seed-paired difference of one metric, other - baseline.
     *
     * @param seeds the seeds both groups ran
     * @param differences the difference on each of those seeds
     * @param better on how many seeds the other group is better (higher accuracy, lower ECE)
     */
    public record Paired(List<Long> seeds, double[] differences, int better) {

        public Stat stat() {
            return Stat.of(differences);
        }
    }

    private final List<Group> groups;

    private RunComparison(List<Group> groups) {
        this.groups = groups;
    }

    /**
     * Groups runs by recipe.
     *
     * @param stage the stage to compare in every run, or null for each run's final finished stage
     * @throws BadInputException when a run has no such stage or no finished stage, or two runs of one recipe
     *     share a seed (pairing would be ambiguous)
     */
    public static RunComparison of(List<RunFolder> runs, String stage) {
        Map<String, List<Entry>> byRecipe = new LinkedHashMap<>();
        for (RunFolder run : runs) {
            RunFolder.Stage chosen = stage == null ? run.finalStage() : run.stages().stream()
                    .filter(s -> s.name().equals(stage)).findFirst().orElse(null);
            if (chosen == null || !chosen.finished()) {
                throw new BadInputException("run " + run.dir() + (stage == null ? " has no finished stage"
                        : " has no finished stage '" + stage + "' (it has " + run.stages().stream()
                                .map(RunFolder.Stage::name).toList() + ")"));
            }
            Entry entry = new Entry(run, chosen.name(), chosen.results());
            List<Entry> group = byRecipe.computeIfAbsent(recipeKey(run) + "\n" + chosen.name(), k -> new ArrayList<>());
            for (Entry other : group) {
                if (java.util.Objects.equals(other.seed(), entry.seed())) {
                    throw new BadInputException("runs " + other.run().dir() + " and " + run.dir() + " are the same recipe "
                            + "with the same seed " + entry.seed() + "; give one of them");
                }
            }
            group.add(entry);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Entry> entries : byRecipe.values()) {
            Entry first = entries.get(0);
            groups.add(new Group(first.run().name() + ": " + first.results().path("method").asText(first.stage()),
                    List.copyOf(entries)));
        }
        return new RunComparison(disambiguate(groups));
    }

    /** The groups, in the order their first run was given. */
    public List<Group> groups() {
        return groups;
    }

    /** Mean ± std of a metric over a group's seeds. */
    public static Stat stat(Group group, String metric) {
        return Stat.of(group.values(metric));
    }

    /** other - baseline on every seed both ran (empty when they share none). */
    public static Paired paired(Group baseline, Group other, String metric) {
        List<Long> seeds = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        int better = 0;
        for (Entry b : baseline.entries()) {
            Entry o = other.bySeed(b.seed());
            if (o == null || b.seed() == null) {
                continue;
            }
            double d = o.value(metric) - b.value(metric);
            seeds.add(b.seed());
            diffs.add(d);
            if (metric.equals("ece") ? d < 0 : d > 0) {
                better++;
            }
        }
        return new Paired(seeds, diffs.stream().mapToDouble(Double::doubleValue).toArray(), better);
    }

    /** The comparison as text: each run, each group's mean ± std, and the paired differences to the first group. */
    public String text() {
        StringBuilder out = new StringBuilder();
        int width = 5;
        for (Group g : groups) {
            width = Math.max(width, g.label().length());
        }
        String head = String.format(Locale.ROOT, "%-" + width + "s  %5s", "recipe", "seeds");
        for (String m : METRICS) {
            head += String.format(Locale.ROOT, "  %14s", m.equals("top1") ? "top-1" : m);
        }
        out.append(head).append('\n').append("-".repeat(head.length())).append('\n');
        for (Group g : groups) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %5d", g.label(), g.entries().size()));
            for (String m : METRICS) {
                out.append(String.format(Locale.ROOT, "  %14s", stat(g, m).format()));
            }
            out.append('\n');
        }
        Group baseline = groups.get(0);
        for (Group other : groups.subList(1, groups.size())) {
            Paired top1 = paired(baseline, other, "top1");
            out.append('\n').append(other.label()).append(" minus ").append(baseline.label());
            if (top1.seeds().isEmpty()) {
                out.append(": no seed in common, nothing to pair\n");
                continue;
            }
            out.append(", paired over seeds ").append(top1.seeds()).append(":\n");
            for (String m : METRICS) {
                Paired p = paired(baseline, other, m);
                out.append(String.format(Locale.ROOT, "  %-7s %+.2f%s  (better on %d of %d seeds)%n",
                        m.equals("top1") ? "top-1" : m, p.stat().mean(),
                        p.stat().n() > 1 ? String.format(Locale.ROOT, " ± %.2f", p.stat().std()) : "",
                        p.better(), p.seeds().size()));
            }
        }
        out.append("\nfigures: test set, %, mean ± sample std over seeds; "
                + "differences are per seed, then mean ± sample std\n");
        for (Group g : groups) {
            out.append(g.label()).append(": best epoch chosen on ").append(String.join("; ", choices(g)));
            List<String> tuned = g.entries().get(0).run().tuned();
            out.append(tuned.isEmpty() ? "" : "; tuned: " + String.join("; ", tuned)).append('\n');
        }
        return out.toString();
    }

    /** The resolved config without what does not change the recipe: seed, data location, runtime settings. */
    static String recipeKey(RunFolder run) {
        JsonNode config = run.config().deepCopy();
        if (config instanceof ObjectNode object) {
            object.remove("seed");
            object.remove("runtime");
            object.remove("tuned"); // notes on how values were chosen: the same recipe either way
            if (object.path("data") instanceof ObjectNode data) {
                data.remove("root");
                data.remove("download");
            }
        }
        return config.toString();
    }

    /** The distinct sets that chose the compared stages' best epochs in a group (one unless runs differ). */
    public static List<String> choices(Group g) {
        return g.entries().stream().map(e -> RunFolder.Stage.bestChosenOn(e.results())).distinct().toList();
    }

    /** Two recipes with the same label get their first run's folder name appended. */
    private static List<Group> disambiguate(List<Group> groups) {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            long same = groups.stream().filter(o -> o.label().equals(g.label())).count();
            out.add(same == 1 ? g : new Group(g.label() + " [" + g.entries().get(0).run().dir().getFileName() + "]",
                    g.entries()));
        }
        return out;
    }
}
