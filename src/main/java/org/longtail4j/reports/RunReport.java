package org.longtail4j.reports;

import java.util.Locale;
import java.util.Map;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.evaluation.NanAsNull;
import org.longtail4j.training.RecipeRunner;
import org.longtail4j.training.StageTrainer;

/** The text a finished run prints: one table row per stage (last-epoch figures) and how groups were split. */
public final class RunReport {

    private RunReport() {}

    public static ResultTable.Row row(String name, EvaluationResult r) {
        return new ResultTable.Row(name, r.top1(), r.top5(), NanAsNull.orNull(r.many()),
                NanAsNull.orNull(r.medium()), NanAsNull.orNull(r.few()), r.ece());
    }

    public static String table(RecipeRunner.Outcome outcome) {
        ResultTable table = new ResultTable();
        StringBuilder notes = new StringBuilder();
        for (Map.Entry<String, StageTrainer.Outcome> stage : outcome.stages().entrySet()) {
            StageTrainer.Outcome o = stage.getValue();
            table.add(row(stage.getKey() + " (last epoch " + o.lastEpoch() + ")", o.last()));
            if (o.lastValidation() != null) {
                table.add(row(stage.getKey() + " validation split", o.lastValidation()));
            }
            if (o.best() != null && o.bestEpoch() != o.lastEpoch()) {
                notes.append(String.format(Locale.ROOT, "%s best epoch: %d (test top-1 %.2f; chosen on %s)%n",
                        stage.getKey(), o.bestEpoch(), ((Number) o.best().get("top1")).doubleValue(), o.bestChosenOn()));
            }
            notes.append(expertsLine(stage.getKey(), o.last()));
        }
        notes.append("best epochs chosen on: ").append(outcome.finalStage().bestChosenOn()).append('\n');
        return table.render() + notes + groupsLine(outcome.finalStage().last());
    }

    /**
     * "router: 1.734 experts per image (routed prediction)" for a result of a routed prediction (RIDE's
     * router), else nothing.
     */
    public static String expertsLine(String what, EvaluationResult r) {
        return r.expertsPerImage() == null ? "" : String.format(Locale.ROOT,
                "%s: %.3f experts per image (routed prediction)%n", what, r.expertsPerImage());
    }

    /** "groups: thresholds: many > 100, few < 20; many [0, 1], medium [2], few [3, 4]" (class labels). */
    public static String groupsLine(EvaluationResult r) {
        return "groups: " + r.split().rule() + "; many " + r.split().many() + ", medium " + r.split().medium()
                + ", few " + r.split().few() + "\n";
    }
}
