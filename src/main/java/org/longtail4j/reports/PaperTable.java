package org.longtail4j.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A results table as papers print it: our rows (mean ± std over seeds of many / medium / few / all) in
 * the paper's row order with the published figures beside them, every figure marked with the dataset
 * it was measured on, written as a page, Markdown and CSV. The input is a plain list of rows, so any
 * command that gathers results (e.g. a future {@code longtail table}) can call it.
 */
public final class PaperTable {

    /**
     * One of our rows.
     *
     * @param name the method as the paper names it (e.g. "DR + H2T"), used to find the published row
     * @param dataset what it was measured on, e.g. "Fashion-MNIST-LT, IR 100"
     * @param many mean ± std of the head-group accuracy, %, or null
     * @param medium medium group, or null
     * @param few tail group, or null
     * @param all top-1 over all classes
     */
    public record Row(String name, String dataset, RunComparison.Stat many, RunComparison.Stat medium,
            RunComparison.Stat few, RunComparison.Stat all) {}

    private static final List<String> HEADER = List.of("method", "ours: dataset", "ours: many", "ours: medium",
            "ours: few", "ours: all", "paper: dataset", "paper: head", "paper: med", "paper: tail", "paper: all");

    private final List<Row> rows;
    private final PublishedResults.Table published;
    private final String column;

    /**
     * @param rows our rows, any order
     * @param published the paper's table to put beside them
     * @param column the published column our "all" corresponds to (e.g. "IR 100" or "All")
     */
    public PaperTable(List<Row> rows, PublishedResults.Table published, String column) {
        if (published.column(column) < 0) {
            throw new org.longtail4j.BadInputException("the paper's " + published.dataset() + " table has no column '"
                    + column + "'; it has " + published.columns());
        }
        this.published = published;
        this.column = column;
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(this::paperPosition));
        this.rows = sorted;
    }

    /** Rows the paper has come in its order; the others follow in the order given (the sort is stable). */
    private int paperPosition(Row r) {
        PublishedResults.Row p = published.row(r.name());
        return p == null ? Integer.MAX_VALUE : published.rows().indexOf(p);
    }

    /** The cells of every row as text: our figures "mean ± std", the paper's as printed, "-" where absent. */
    public List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        String paperDataset = published.dataset() + (published.column("All") >= 0 ? "" : ", " + column);
        for (Row r : rows) {
            PublishedResults.Row p = published.row(r.name());
            List<String> row = new ArrayList<>(List.of(r.name(), r.dataset(), format(r.many()), format(r.medium()),
                    format(r.few()), format(r.all())));
            row.add(p == null ? "-" : paperDataset + (p.starred() ? " *" : ""));
            row.add(paper(p, "Head"));
            row.add(paper(p, "Med"));
            row.add(paper(p, "Tail"));
            row.add(paper(p, column));
            out.add(row);
        }
        return out;
    }

    /** A Markdown table (GitHub style) with a line saying what the figures are. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n|");
        out.append(" --- |".repeat(HEADER.size())).append('\n');
        for (List<String> row : cells()) {
            out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return out.append('\n').append(footnote()).append('\n').toString();
    }

    /** CSV with separate mean and std columns (RFC 4180 quoting). */
    public String csv() {
        StringBuilder out = new StringBuilder("method,ours_dataset,ours_many,ours_many_std,ours_medium,ours_medium_std,"
                + "ours_few,ours_few_std,ours_all,ours_all_std,ours_seeds,paper_dataset,paper_starred,paper_head,"
                + "paper_med,paper_tail,paper_all\n");
        for (Row r : rows) {
            PublishedResults.Row p = published.row(r.name());
            List<String> f = new ArrayList<>(List.of(r.name(), r.dataset()));
            for (RunComparison.Stat s : java.util.Arrays.asList(r.many(), r.medium(), r.few(), r.all())) {
                f.add(s == null ? "" : number(s.mean()));
                f.add(s == null ? "" : number(s.std()));
            }
            f.add(r.all() == null ? "" : String.valueOf(r.all().n()));
            f.add(p == null ? "" : published.dataset() + (published.column("All") >= 0 ? "" : " " + column));
            f.add(p == null ? "" : String.valueOf(p.starred()));
            for (String c : List.of("Head", "Med", "Tail", column)) {
                String v = paper(p, c);
                f.add(v.equals("-") ? "" : v);
            }
            out.append(String.join(",", f.stream().map(PaperTable::csvField).toList())).append('\n');
        }
        return out.toString();
    }

    /** The table as a self-contained page. */
    public String html(String title) {
        return Html.page(title, Html.table(HEADER, cells()) + Html.note(footnote()));
    }

    /** Writes BASE.html, BASE.md and BASE.csv into {@code dir}. */
    public void write(Path dir, String base, String title) throws IOException {
        Files2.writeAtomically(dir.resolve(base + ".html"), html(title));
        Files2.writeAtomically(dir.resolve(base + ".md"), "# " + title + "\n\n" + markdown());
        Files2.writeAtomically(dir.resolve(base + ".csv"), csv());
    }

    private String footnote() {
        return "Ours: test-set top-1 %, mean ± sample std over seeds, on the dataset named in each row. Paper: "
                + "the H2T paper's " + published.dataset() + " table (" + published.metric() + "), as published; "
                + "* marks rows the paper quotes from the method's own paper. Figures on different datasets are "
                + "not comparable one to one.";
    }

    private String paper(PublishedResults.Row p, String columnName) {
        int i = published.column(columnName);
        if (p == null || i < 0 || p.values().get(i) == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", p.values().get(i));
    }

    private static String format(RunComparison.Stat s) {
        return s == null ? "-" : s.format();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
