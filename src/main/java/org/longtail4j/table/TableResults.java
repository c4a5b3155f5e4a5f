package org.longtail4j.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.PaperTable;
import org.longtail4j.reports.RunComparison;

/**
 * A table's figures over the seeds measured so far: per row, many / medium / few / all (top-1) as mean
 * ± sample std over seeds, in the paper's row order with the published figure beside ours, as text,
 * JSON, and (through {@link PaperTable}) a page, Markdown and CSV.
 */
public final class TableResults {

    /** The figures of results.json a table shows, and the names it shows them under. */
    private static final Map<String, String> METRICS = metrics();

    /**
     * One row's figures on one seed.
     *
     * @param results the results.json of the run whose final stage is the row
     * @param run that run's folder
     */
    public record Figures(Map<String, Object> results, Path run) {}

    private final TableFile table;
    private final TablePlan plan;
    private final boolean smoke;
    private final Map<Long, Map<String, Figures>> bySeed = new LinkedHashMap<>();

    /** An empty table: no seed measured yet. */
    public TableResults(TableFile table, TablePlan plan, boolean smoke) {
        this.table = table;
        this.plan = plan;
        this.smoke = smoke;
    }

    private static Map<String, String> metrics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("many", "many");
        m.put("medium", "medium");
        m.put("few", "few");
        m.put("top1", "all");
        return m;
    }

    /** Adds one seed's figures: display name -> figures, every row present. */
    public void add(long seed, Map<String, Figures> rows) {
        bySeed.put(seed, new LinkedHashMap<>(rows));
    }

    /** The seeds measured, in order. */
    public List<Long> seeds() {
        return new ArrayList<>(bySeed.keySet());
    }

    /** A row's figure over the seeds measured (NaN where a run has none, e.g. a group without classes). */
    double[] values(String row, String metric) {
        double[] v = new double[bySeed.size()];
        int i = 0;
        for (Map<String, Figures> rows : bySeed.values()) {
            Object value = rows.get(row).results().get(metric);
            v[i++] = value instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return v;
    }

    /** Mean ± sample std of a row's figure over the seeds. */
    public RunComparison.Stat stat(String row, String metric) {
        return RunComparison.Stat.of(values(row, metric));
    }

    /** The paper-style table of the seeds so far. */
    public PaperTable paperTable() {
        List<PaperTable.Row> rows = new ArrayList<>();
        for (TablePlan.Row r : plan.rows()) {
            rows.add(new PaperTable.Row(r.name(), table.dataset(), stat(r.name(), "many"), stat(r.name(), "medium"),
                    stat(r.name(), "few"), stat(r.name(), "top1")));
        }
        return table.paperTable(rows);
    }

    /** The page's title: what is measured, on what, beside what. */
    public String title() {
        return (smoke ? "SMOKE RUN (figures mean nothing): " : "") + table.name() + ": " + table.dataset()
                + " (ours) beside the H2T paper's " + table.published().dataset() + ", " + table.column();
    }

    /**
     * The table as printed: method, our many / medium / few / all and the paper's figure, every
     * column headed with the dataset it is on, in the paper's row order.
     */
    public String text() {
        List<List<String>> cells = paperTable().cells();
        String ours = "ours: " + table.dataset();
        String paper = "paper: " + table.published().dataset() + ", " + table.column();
        List<String> header = new ArrayList<>(List.of("method"));
        METRICS.values().forEach(header::add);
        header.add("all");
        List<List<String>> lines = new ArrayList<>();
        for (List<String> c : cells) {
            // PaperTable's cells: name, our dataset, many, medium, few, all, paper dataset, head, med, tail, all
            lines.add(List.of(c.get(0), c.get(2), c.get(3), c.get(4), c.get(5), c.get(10)));
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> line : lines) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        // our four columns sit under one label naming their dataset: widen the last if the label is longer
        width[4] += Math.max(0, ours.length() - (width[1] + width[2] + width[3] + width[4] + 6));
        int oursWidth = width[1] + width[2] + width[3] + width[4] + 6;
        StringBuilder out = new StringBuilder(title()).append('\n');
        out.append(" ".repeat(width[0])).append(" | ").append(pad(ours, oursWidth)).append(" | ").append(paper)
                .append('\n');
        out.append(row(header, width)).append('\n');
        out.append("-".repeat(width[0] + oursWidth + width[5] + 6)).append('\n');
        for (List<String> line : lines) {
            out.append(row(line, width)).append('\n');
        }
        String spread = bySeed.size() == 1 ? "one seed " + seeds() + ", no spread"
                : "mean ± sample std over " + bySeed.size() + " seeds " + seeds();
        out.append("ours: test-set top-1 % per group, last epoch of each row's final stage, ").append(spread)
                .append("; paper: as published, on ").append(table.published().dataset())
                .append(" (not comparable one to one)\n");
        return out.toString();
    }

    private static String row(List<String> cells, int[] width) {
        StringBuilder out = new StringBuilder(pad(cells.get(0), width[0])).append(" | ");
        for (int i = 1; i <= 4; i++) {
            out.append(padLeft(cells.get(i), width[i])).append(i < 4 ? "  " : "");
        }
        return out.append(" | ").append(padLeft(cells.get(5), width[5])).toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Everything as JSON: the table file's settings, the plan, and per row every seed's figures and run folder. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", table.name());
        out.put("table_file", table.file().toString());
        out.put("smoke", smoke);
        out.put("dataset", table.dataset());
        out.put("published", Map.of("table", table.published().id(), "dataset", table.published().dataset(),
                "column", table.column()));
        out.put("seeds", seeds());
        Map<String, Object> firstStages = new LinkedHashMap<>();
        plan.firstStages().values().forEach(f -> firstStages.put(f.key(), f.rows()));
        out.put("first_stages", firstStages);
        List<Object> rows = new ArrayList<>();
        for (List<String> cells : paperTable().cells()) {
            TablePlan.Row r = plan.rows().stream().filter(p -> p.name().equals(cells.get(0))).findFirst().orElseThrow();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("config", r.configFile().toString());
            row.put("first_stage", r.firstStage());
            for (Map.Entry<String, String> metric : METRICS.entrySet()) {
                RunComparison.Stat s = stat(r.name(), metric.getKey());
                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("mean", nullIfNaN(s.mean()));
                figure.put("std", nullIfNaN(s.std()));
                figure.put("n", s.n());
                List<Double> values = new ArrayList<>();
                for (double v : values(r.name(), metric.getKey())) {
                    values.add(nullIfNaN(v));
                }
                figure.put("values", values);
                row.put(metric.getValue(), figure);
            }
            row.put("paper", "-".equals(cells.get(10)) ? null : Double.parseDouble(cells.get(10)));
            Map<String, String> runs = new LinkedHashMap<>();
            bySeed.forEach((seed, figures) -> runs.put(String.valueOf(seed), figures.get(r.name()).run().toString()));
            row.put("runs", runs);
            rows.add(row);
        }
        out.put("rows", rows);
        return out;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Writes OUT/table.txt, table.json, table.html, table.md and table.csv (each atomically). */
    public void write(Path out) throws IOException {
        Files2.writeAtomically(out.resolve("table.txt"), text());
        Json.write(out.resolve("table.json"), json());
        paperTable().write(out, "table", title());
    }
}
