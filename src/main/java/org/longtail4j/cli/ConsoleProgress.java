package org.longtail4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.longtail4j.reports.ResultTable;
import org.longtail4j.training.EpochRecord;
import org.longtail4j.training.TrainingObserver;

/**
 * Shows training as it goes: a progress bar per epoch on a terminal, and one summary line per epoch
 * (the only output when not on a terminal, so logs stay readable).
 */
final class ConsoleProgress implements TrainingObserver {

    private final PrintStream out;
    private final boolean bars;
    private String stage;
    private int epochs;
    private int iterations;
    private ProgressBar bar;

    ConsoleProgress(PrintStream out, boolean bars) {
        this.out = out;
        this.bars = bars;
    }

    /** Bars only where a person watches a terminal. */
    static ConsoleProgress forConsole() {
        return new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public void stageStarted(String stage, String description, int firstEpoch, int epochs, int iterationsPerEpoch) {
        this.stage = stage;
        this.epochs = epochs;
        this.iterations = iterationsPerEpoch;
        out.printf(Locale.ROOT, "%s: %s, %d epochs of %d iterations%s%n", stage, description, epochs,
                iterationsPerEpoch, firstEpoch > 0 ? ", resuming after epoch " + firstEpoch : "");
    }

    @Override
    public void iterationDone(int epoch, int iteration, double loss, double lr) {
        if (!bars) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "%s %d/%d", stage, epoch + 1, epochs))
                    .setInitialMax(iterations)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250)
                    .hideEta()
                    .build();
        }
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
    }

    @Override
    public void epochDone(EpochRecord r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s epoch %d/%d  loss %.4f  lr %.5f  %.1f s  %.0f img/s", r.stage(), r.epoch(), epochs, r.trainLoss(),
                r.lr(), r.seconds(), r.imagesPerSecond()));
        if (r.test() != null) {
            line.append(String.format(Locale.ROOT, "  | top1 %.2f  many %s  medium %s  few %s  ECE %.2f",
                    r.test().top1(), ResultTable.percent(r.test().many()), ResultTable.percent(r.test().medium()),
                    ResultTable.percent(r.test().few()), r.test().ece()));
        }
        if (r.validation() != null) {
            line.append(String.format(Locale.ROOT, "  | validation top1 %.2f", r.validation().top1()));
        }
        out.println(line);
    }
}
