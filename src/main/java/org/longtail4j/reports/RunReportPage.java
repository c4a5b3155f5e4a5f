package org.longtail4j.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * RUN/report.html: one self-contained page (styles inline, charts as embedded PNGs, no script, no
 * network) that shows a run as people read a long-tailed result: the recipe and resolved config, the
 * split, and per stage the learning curves, per-class accuracy against training count, group bars,
 * the confusion between classes, the reliability diagram, time and memory.
 *
 * <p>Built from the run folder's files only ({@link RunFolder}), so {@code longtail report RUN} can
 * rebuild it for any run, and it makes no assumption about how many stages there are or their names.
 */
public final class RunReportPage {

    /** Above this many classes the page lists the most confused pairs instead of drawing the matrix. */
    static final int MAX_MATRIX_CLASSES = 20;
    static final int PAIRS_SHOWN = 10;

    private RunReportPage() {}

    /**
     * Writes RUN/report.html (atomically) from the run folder's files and returns its path.
     *
     * @throws org.longtail4j.BadInputException when {@code runDir} is not a run folder
     */
    public static Path write(Path runDir) throws IOException {
        Path page = runDir.resolve("report.html");
        Files2.writeAtomically(page, html(RunFolder.read(runDir)));
        return page;
    }

    /**
     * The hook at the end of a run: writes the report, and if that fails says so in one line on
     * {@code System.err} instead of failing a run whose results are already saved
     * ({@code longtail report RUN} retries).
     */
    public static void writeAfterRun(Path runDir) {
        try {
            write(runDir);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: " + runDir.resolve("report.html") + " was not written (" + e.getMessage()
                    + "); run 'longtail report " + runDir + "' to retry");
        }
    }

    /** The page's HTML. */
    public static String html(RunFolder run) {
        StringBuilder body = new StringBuilder();
        body.append(summary(run));
        body.append(split(run));
        body.append(groupBars(run));
        for (RunFolder.Stage stage : run.stages()) {
            body.append(stage(run, stage));
        }
        body.append(timeAndMemory(run));
        body.append(Html.heading(2, "Resolved config (config.yaml)"));
        body.append(Html.pre(run.configText()));
        body.append(Html.note("Figures: test set, percent, last epoch of each stage unless marked best or validation. Page made by "
                + "'longtail report' from the run folder's files; it loads nothing from the network."));
        return Html.page("Run report: " + run.name(), body.toString());
    }

    private static String summary(RunFolder run) {
        StringBuilder out = new StringBuilder();
        out.append(Html.paragraph("Run folder " + run.dir().toAbsolutePath().normalize() + "; seed "
                + (run.seed() == null ? "-" : run.seed()) + "; stages " + String.join(", ", stageNames(run)) + "."));
        List<List<String>> rows = new ArrayList<>();
        for (RunFolder.Stage s : run.stages()) {
            JsonNode r = s.results();
            if (!s.finished()) {
                rows.add(List.of(s.name(), "unfinished (" + s.epochs().size() + " epochs logged)", "", "", "", "", "",
                        "", ""));
                continue;
            }
            rows.add(List.of(s.name(), r.path("method").asText(""), r.path("epoch").asText(""), pct(r.path("top1")),
                    pct(r.path("top5")), pct(r.path("many")), pct(r.path("medium")), pct(r.path("few")),
                    pct(r.path("ece"))));
            JsonNode best = r.path("best");
            if (r.path("validation").isObject()) {
                rows.add(figures(s.name() + " (validation split)", "", r.path("epoch").asText(), r.path("validation")));
            }
            if (best.path("top1").isNumber() && best.path("epoch").asInt() != r.path("epoch").asInt()) {
                rows.add(figures(s.name() + " (best epoch)", "", best.path("epoch").asText(), best));
                if (best.path("validation").isObject()) {
                    rows.add(figures(s.name() + " (best epoch, validation split)", "", best.path("epoch").asText(),
                            best.path("validation")));
                }
            }
        }
        out.append(Html.heading(2, "Recipe and results"));
        out.append(Html.table(List.of("stage", "method", "epoch", "top-1", "top-5", "many", "medium", "few", "ECE"),
                rows));
        out.append(Html.paragraph(choices(run)));
        List<String> tuned = run.tuned();
        if (!tuned.isEmpty()) {
            out.append(Html.paragraph("Tuned values (config key tuned: how each was chosen):"));
            out.append(Html.table(List.of("config key", "how it was chosen"), tuned.stream()
                    .map(t -> List.of(t.substring(0, t.indexOf(": ")), t.substring(t.indexOf(": ") + 2))).toList()));
        }
        return out.toString();
    }

    private static List<String> figures(String name, String method, String epoch, JsonNode r) {
        return List.of(name, method, epoch, pct(r.path("top1")), pct(r.path("top5")), pct(r.path("many")),
                pct(r.path("medium")), pct(r.path("few")), pct(r.path("ece")));
    }

    /** "Best epoch chosen on: stage1 validation (...); stage2 ..." for the finished stages. */
    private static String choices(RunFolder run) {
        List<String> parts = new ArrayList<>();
        for (RunFolder.Stage s : run.stages()) {
            if (s.finished()) {
                parts.add(s.name() + ": " + s.bestChosenOn());
            }
        }
        return "Best epoch chosen on: " + (parts.isEmpty() ? "- (no stage finished)" : String.join("; ", parts)) + ".";
    }

    private static String split(RunFolder run) {
        long[] counts = run.classCounts();
        StringBuilder out = new StringBuilder(Html.heading(2, "Split"));
        if (counts.length == 0) {
            return out.append(Html.note("No split.json in the run folder.")).toString();
        }
        JsonNode split = run.split();
        ClassGroupsView groups = ClassGroupsView.of(split.path("groups"), counts.length);
        List<String> names = run.classNames(counts.length);
        long max = Arrays.stream(counts).max().orElse(0);
        long min = Arrays.stream(counts).min().orElse(0);
        int[] sizes = groups.sizes();
        out.append(Html.paragraph(split.path("description").asText("") + ". " + split.path("train_size").asText("?")
                + " training images in " + counts.length + " classes (" + max + " to " + min + ", imbalance "
                + (min > 0 ? String.format(Locale.ROOT, "%.1f", (double) max / min) : "-") + "); "
                + split.path("test_size").asText("?") + " test images"
                + (split.path("validation_size").isNumber() ? "; " + split.path("validation_size").asText()
                        + " validation images held out" : "")
                + "."));
        // Some rules already name the group sizes ("thirds by frequency rank: many 4, ..."); others get them added.
        out.append(Html.paragraph("Groups: " + groups.rule() + (groups.rule().contains("classes") ? "." : " (many "
                + sizes[0] + ", medium " + sizes[1] + ", few " + sizes[2] + " classes).")));
        out.append(Html.image(ChartImage.dataUri(RunCharts.classCounts(counts, groups)),
                "training images per class on a log scale, coloured by group"));
        if (counts.length <= 30) {
            List<List<String>> rows = new ArrayList<>();
            List<Integer> order = RunCharts.rankOrder(counts);
            for (int rank = 0; rank < order.size(); rank++) {
                int c = order.get(rank);
                rows.add(List.of(names.get(c), String.valueOf(c), String.valueOf(rank + 1), String.valueOf(counts[c]),
                        groupName(groups.groupOf(c))));
            }
            out.append(Html.table(List.of("class", "label", "rank", "training images", "group"), rows));
        }
        return out.toString();
    }

    private static String groupBars(RunFolder run) {
        List<String> names = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        for (RunFolder.Stage s : run.stages()) {
            if (s.finished()) {
                names.add(s.name());
                rows.add(s.results());
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        return Html.heading(2, "Head, medium and tail") + Html.image(ChartImage.dataUri(RunCharts.groupBars(
                "Test accuracy by group, each stage's last epoch", names, rows)), "many / medium / few / all bars per stage");
    }

    private static String stage(RunFolder run, RunFolder.Stage s) {
        StringBuilder out = new StringBuilder(Html.heading(2, "Stage " + s.name()
                + (s.finished() ? ": " + s.results().path("method").asText("") : " (unfinished)")));
        out.append(Html.heading(3, "Learning curves"));
        if (s.epochs().isEmpty() && s.finished() && s.results().path("epoch").asInt(-1) == 0) {
            out.append(Html.note("A post-hoc stage (0 epochs): it edits or re-scores the previous stage's model "
                    + "without training, so it has no learning curves."));
        } else if (s.epochs().isEmpty()) {
            out.append(Html.note("metrics.jsonl is empty: no epoch finished."));
        } else {
            out.append(Html.image(ChartImage.dataUri(RunCharts.lossAndLr(s.name(), s.epochs())),
                    s.name() + " training loss and learning rate by epoch"));
            XYChart test = RunCharts.testCurves(s.name(), s.epochs());
            out.append(test == null
                    ? Html.note("No per-epoch test figures (config eval.every: 0 evaluates after the last epoch only).")
                    : Html.image(ChartImage.dataUri(test), s.name() + " test accuracy by epoch"));
        }
        if (!s.finished()) {
            return out.append(Html.note("No results.json yet: the stage has not finished.")).toString();
        }
        JsonNode r = s.results();
        long[] counts = run.classCounts();
        JsonNode confusion = r.path("confusion");
        int numClasses = confusion.size() > 0 ? confusion.size() : r.path("per_class").size();
        List<String> names = run.classNames(numClasses);
        ClassGroupsView groups = ClassGroupsView.of(r.path("split").isObject() ? r.path("split")
                : run.split().path("groups"), numClasses);
        out.append(Html.heading(3, "Per-class accuracy against training count"));
        if (counts.length == numClasses) {
            out.append(Html.image(ChartImage.dataUri(RunCharts.perClassAccuracy(s.name()
                    + ": per-class test accuracy (dashed: group borders)", counts, r.path("per_class"), groups)),
                    s.name() + " per-class accuracy against training images"));
        } else {
            out.append(Html.note("split.json's class counts do not match this stage's " + numClasses + " classes."));
        }
        if (numClasses > 0) {
            out.append(Html.heading(3, "Confusion"));
            if (numClasses <= MAX_MATRIX_CLASSES) {
                out.append(Html.image(ChartImage.dataUri(RunCharts.confusion(s.name()
                        + ": where each class's test images went (% of the row)", confusion, names)),
                        s.name() + " confusion matrix heat map"));
            }
            out.append(pairs(confusion, names, counts, groups));
        }
        out.append(Html.heading(3, "Calibration"));
        CategoryChart reliability = RunCharts.reliability(String.format(Locale.ROOT,
                "%s: reliability diagram, ECE %.2f%%", s.name(), r.path("ece").asDouble()), r.path("reliability"));
        out.append(reliability == null
                ? Html.note(String.format(Locale.ROOT, "ECE %.2f%%; this run's results.json has no confidence bins "
                        + "(written before they were kept), so no diagram.", r.path("ece").asDouble()))
                : Html.image(ChartImage.dataUri(reliability), s.name() + " reliability diagram"));
        return out.toString();
    }

    private static String pairs(JsonNode confusion, List<String> names, long[] counts, ClassGroupsView groups) {
        List<ConfusedPairs.Pair> top = ConfusedPairs.top(confusion, PAIRS_SHOWN);
        if (top.isEmpty()) {
            return Html.note("No test image was misclassified.");
        }
        List<List<String>> rows = new ArrayList<>();
        for (ConfusedPairs.Pair p : top) {
            rows.add(List.of(describe(p.truth(), names, counts, groups), describe(p.predicted(), names, counts, groups),
                    p.count() + " of " + p.of(), String.format(Locale.ROOT, "%.1f", p.percent())));
        }
        return Html.paragraph("Most confused pairs (share of the true class's test images):")
                + Html.table(List.of("true class (group, training images)", "predicted as", "test images", "%"), rows);
    }

    private static String describe(int label, List<String> names, long[] counts, ClassGroupsView groups) {
        return names.get(label) + " (" + groupName(groups.groupOf(label))
                + (label < counts.length ? ", " + counts[label] : "") + ")";
    }

    private static String timeAndMemory(RunFolder run) {
        List<List<String>> rows = new ArrayList<>();
        for (RunFolder.Stage s : run.stages()) {
            double train = 0;
            double eval = 0;
            double peak = 0;
            List<Double> rates = new ArrayList<>();
            for (JsonNode e : s.epochs()) {
                train += e.path("seconds").asDouble();
                eval += e.path("eval_seconds").asDouble();
                peak = Math.max(peak, e.path("rss_mib").asDouble());
                if (e.path("images_per_second").isNumber()) {
                    rates.add(e.get("images_per_second").asDouble());
                }
            }
            rates.sort(null);
            String median = rates.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", rates.get(rates.size() / 2));
            rows.add(List.of(s.name(), String.valueOf(s.epochs().size()), minutes(train), minutes(eval),
                    minutes(train + eval), median, peak > 0 ? String.format(Locale.ROOT, "%.0f", peak) : "-"));
        }
        return Html.heading(2, "Time and memory") + Html.table(List.of("stage", "epochs", "training", "evaluation",
                "wall (both)", "median images/s", "peak resident MiB"), rows)
                + Html.note("Times from metrics.jsonl (per-epoch seconds and eval_seconds); memory is the process's "
                        + "resident set after each epoch.");
    }

    private static String minutes(double seconds) {
        return seconds >= 120 ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static List<String> stageNames(RunFolder run) {
        return run.stages().stream().map(RunFolder.Stage::name).toList();
    }

    static String groupName(int g) {
        return switch (g) {
            case 0 -> "many";
            case 1 -> "medium";
            case 2 -> "few";
            default -> "-";
        };
    }

    /** A percentage with two decimals, or "-" when absent. */
    static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "-";
    }
}
