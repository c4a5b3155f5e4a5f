package org.longtail4j.training;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Locale;
import org.longtail4j.BadInputException;
import org.longtail4j.config.StageConfig;
import org.longtail4j.models.ImageClassifier;

/**
 * A diverging stage stops at once with one line: the stage, epoch and iteration, the likely cause
 * (the learning rate), and which checkpoint is kept. Before, a NaN loss trained on to the end of the
 * epoch and failed in the evaluation with "score NaN at row 0, class 0".
 *
 * <p>It throws before the epoch's checkpoint is written, so the last checkpoint on disk is the last
 * good one. Checking costs nothing per iteration (the loss is on the host already) and one copy of
 * the weights per epoch.
 */
final class Divergence {

    private final String stage;
    private final StageConfig config;
    private final Path lastCheckpoint;
    private final int iterations;

    Divergence(String stage, StageConfig config, Path lastCheckpoint, int iterations) {
        this.stage = stage;
        this.config = config;
        this.lastCheckpoint = lastCheckpoint;
        this.iterations = iterations;
    }

    /** After each iteration: fails if {@code loss} is NaN or infinite ({@code epoch}, {@code iteration} from 0). */
    void checkLoss(double loss, int epoch, int iteration, double lr) {
        if (!Double.isFinite(loss)) {
            throw diverged(epoch, "iteration " + (iteration + 1) + " of " + iterations, "the loss is " + loss, lr);
        }
    }

    /**
     * At the end of an epoch, before its evaluation and checkpoint: the last update may have made the
     * weights non-finite with a finite loss.
     */
    void checkWeights(ImageClassifier model, int epoch, double lr) {
        for (Parameter p : model.getParameters().values()) {
            if (p.getArray() == null) {
                continue;
            }
            for (float v : p.getArray().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    throw diverged(epoch, "its last iteration", "parameter " + p.getName() + " holds " + v, lr);
                }
            }
        }
    }

    private BadInputException diverged(int epoch, String where, String what, double lr) {
        Checkpoint.Progress kept = Checkpoint.exists(lastCheckpoint) ? Checkpoint.progress(lastCheckpoint) : null;
        String keptText = kept == null
                ? "no checkpoint of this stage was saved before it"
                : "the last good checkpoint (epoch " + kept.epochsDone() + ") is kept in " + lastCheckpoint;
        return new BadInputException(String.format(Locale.ROOT,
                "%s diverged in epoch %d of %d, %s: %s; the likely cause is a learning rate too high for this model"
                        + " (the rate was %s there; stages.%s.lr = %s), so start again with a smaller one; %s",
                stage, epoch + 1, config.epochs, where, what, lr, stage, config.lr, keptText));
    }
}
