package org.longtail4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.methods.StageComposer;

/**
 * Commands that make several run folders (demo, sweep) continue where an interrupted earlier call
 * stopped: a folder that already holds the same run is resumed (or, finished, read back) instead of
 * refused, so running the same command again finishes the job.
 */
public final class ContinuedRuns {

    private ContinuedRuns() {}

    /**
     * Starts {@code config} in {@code dir}, or continues the run an earlier, interrupted command left
     * there; a different run in {@code dir} is refused.
     */
    public static RecipeRunner.Outcome startOrContinue(RunConfig config, Path dir, Path stage1Run, String startStage,
            TrainingObserver observer) throws IOException {
        if (Files.exists(dir.resolve("config.yaml"))) {
            requireSameRun(dir, config, stage1Run == null ? null : RecipeRunner.stageCheckpoint(stage1Run, startStage));
            return RecipeRunner.resume(dir, observer);
        }
        return RecipeRunner.start(config, dir, stage1Run, startStage, observer);
    }

    /**
     * The folder must hold the run {@code expected} describes (runtime settings and the {@code tuned} notes
     * aside; parts compared
     * resolved, with all their settings), started from the checkpoint {@code start} if not null.
     */
    public static void requireSameRun(Path dir, RunConfig expected, Path start) throws IOException {
        RunConfig saved = StageComposer.resolve(ConfigLoader.loadResolved(dir.resolve("config.yaml")));
        saved.runtime = expected.runtime;
        saved.tuned = ConfigLoader.copy(expected).tuned; // a note on how values were chosen, not part of the run
        if (!ConfigLoader.sameSavedRun(saved, StageComposer.resolve(ConfigLoader.copy(expected)))) {
            throw new BadInputException(dir + " holds a run with another config than this command would run there "
                    + "(its config.yaml differs); choose another --out, or remove that folder");
        }
        if (start != null) {
            String from = RecipeRunner.startCheckpoint(dir).map(Path::toString).orElse("");
            if (!from.equals(start.toAbsolutePath().toString())) {
                throw new BadInputException(dir + " holds a run started from " + from + ", not from " + start
                        + "; choose another --out, or remove that folder");
            }
        }
    }
}
