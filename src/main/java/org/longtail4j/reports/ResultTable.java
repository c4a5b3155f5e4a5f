package org.longtail4j.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table every command ends with: one row per model (stage 1, DR, DR + H2T, ...) with top-1,
 * top-5, many / medium / few and ECE, all in percent, as the papers print them.
 */
public final class ResultTable {

    /** One row; group accuracies are null where the group has no class. */
    public record Row(String name, double top1, double top5, Double many, Double medium, Double few, double ece) {}

    private final List<Row> rows = new ArrayList<>();

    public ResultTable add(Row row) {
        rows.add(row);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Percent with two decimals, or "-" for an empty group. */
    public static String percent(Double value) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    public String render() {
        int nameWidth = "model".length();
        for (Row r : rows) {
            nameWidth = Math.max(nameWidth, r.name().length());
        }
        String header = String.format(Locale.ROOT, "%-" + nameWidth + "s  %7s  %7s  %7s  %7s  %7s  %7s",
                "model", "top-1", "top-5", "many", "medium", "few", "ECE");
        StringBuilder out = new StringBuilder(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %7s  %7s  %7s  %7s  %7s  %7s",
                    r.name(), percent(r.top1()), percent(r.top5()), percent(r.many()), percent(r.medium()),
                    percent(r.few()), percent(r.ece()))).append('\n');
        }
        return out.toString();
    }
}
