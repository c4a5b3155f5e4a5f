package org.longtail4j.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * sweep.html: the sweep's figure and table, and when the swept key is H2T's fusion ratio the paper's
 * own curve beside it (CIFAR-100-LT, IR 100, from {@link PublishedResults}), each clearly marked with
 * its dataset. Self-contained like the run report.
 */
public final class SweepPage {

    private SweepPage() {}

    /**
     * The page's HTML.
     *
     * @param title what was swept on which recipe
     * @param key the swept config key
     * @param points our curves, in sweep order
     * @param numeric whether the values are numbers
     * @param dataset what our runs were measured on (split.json's description)
     * @param tuned the config's {@code tuned} notes ("KEY: how it was chosen"), shown when not empty
     */
    public static String html(String title, String key, List<SweepReport.Point> points, boolean numeric,
            String dataset, List<String> tuned) {
        StringBuilder body = new StringBuilder();
        body.append(Html.paragraph("Ours, on " + dataset + "."));
        body.append(Html.image(ChartImage.dataUri(SweepPlot.chart("Ours: " + title, SweepPlot.axisLabel(key), points,
                numeric)), "our accuracy against " + key));
        boolean validated = SweepReport.validated(points);
        SweepReport.Best best = SweepReport.best(points);
        List<List<String>> rows = new ArrayList<>();
        for (SweepReport.Point p : points) {
            List<String> row = new ArrayList<>(List.of(p.value(), ResultTable.percent(p.many()),
                    ResultTable.percent(p.medium()), ResultTable.percent(p.few()), ResultTable.percent(p.all())));
            if (validated) {
                row.add(ResultTable.percent(p.validation()));
            }
            row.add(best != null && p == points.get(best.index()) ? "best" : "");
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of(key, "many", "medium", "few", "all (top-1)"));
        if (validated) {
            header.add("validation all (top-1)");
        }
        header.add("chosen");
        body.append(Html.table(header, rows));
        if (best != null) {
            body.append(Html.paragraph("Best value: " + best.value() + ", chosen on " + best.chosenOn() + "."
                    + (validated ? " The test figures of every value are reported as measured; none chose anything."
                            : " No validation split (data.validation_per_class: 0, the references' behaviour): the"
                            + " value is chosen on the test set, so its test figures are optimistic.")));
        }
        if (!tuned.isEmpty()) {
            body.append(Html.paragraph("Tuned values recorded in the config (tuned): " + String.join("; ", tuned)
                    + "."));
        }
        if (SweepPlot.isFusionRatio(key) && numeric) {
            PublishedResults.PCurve paper = PublishedResults.load().pCurve();
            List<SweepReport.Point> theirs = new ArrayList<>();
            for (int i = 0; i < paper.p().size(); i++) {
                theirs.add(new SweepReport.Point(String.format(Locale.ROOT, "%.1f", paper.p().get(i)),
                        paper.head().get(i), paper.medium().get(i), paper.tail().get(i), paper.all().get(i)));
            }
            body.append(Html.heading(2, "The paper's curve (" + paper.dataset() + ", not our data)"));
            body.append(Html.paragraph("The H2T paper's figure of accuracy against p: " + paper.dataset() + ", "
                    + paper.setting() + ". Expected shape: head falls and tail rises as p grows; all peaks "
                    + "around p = 0.2-0.4 (the paper's best: 0.3)."));
            body.append(Html.image(ChartImage.dataUri(SweepPlot.chart("The paper: " + paper.dataset() + ", "
                    + paper.setting(), "fusion ratio p", theirs, true)), "the paper's accuracy against p"));
            List<List<String>> side = new ArrayList<>();
            for (int i = 0; i < theirs.size(); i++) {
                SweepReport.Point t = theirs.get(i);
                SweepReport.Point ours = at(points, paper.p().get(i));
                side.add(List.of(t.value(), ours == null ? "-" : ResultTable.percent(ours.many()),
                        ResultTable.percent(t.many()), ours == null ? "-" : ResultTable.percent(ours.few()),
                        ResultTable.percent(t.few()), ours == null ? "-" : ResultTable.percent(ours.all()),
                        ResultTable.percent(t.all())));
            }
            body.append(Html.table(List.of("p", "ours: many", "paper: head", "ours: few", "paper: tail", "ours: all",
                    "paper: all"), side));
            body.append(Html.note("Ours: " + dataset + ". Paper: " + paper.dataset() + ". Different data, "
                    + "backbone budget and groups: compare the shapes of the curves, not the levels."));
        }
        body.append(Html.note("Figures: test-set accuracy in %, last epoch of each stage-2 run; all = top-1 over "
                + "every class."));
        return Html.page("Sweep: " + title, body.toString());
    }

    /** Our point at p (numeric match to 1e-9), or null. */
    private static SweepReport.Point at(List<SweepReport.Point> points, double p) {
        for (SweepReport.Point point : points) {
            try {
                if (Math.abs(Double.parseDouble(point.value()) - p) < 1e-9) {
                    return point;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
