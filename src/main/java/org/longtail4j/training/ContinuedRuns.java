package org.longtail4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;

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
    public static RecipeRunner.Outcome startOrContinue(RunConfig config, Path dir, Path stage1Run,
            TrainingObserver observer) throws IOException {
        if (Files.exists(dir.resolve("config.yaml"))) {
            requireSameRun(dir, config, stage1Run);
            return RecipeRunner.resume(dir, observer);
        }
        return RecipeRunner.start(config, dir, stage1Run, observer);
    }

    /** The folder must hold the run {@code expected} describes (runtime settings aside), from the same stage 1. */
    public static void requireSameRun(Path dir, RunConfig expected, Path stage1Run) throws IOException {
        RunConfig saved = ConfigLoader.loadResolved(dir.resolve("config.yaml"));
        saved.runtime = expected.runtime;
        if (!ConfigLoader.sameSavedRun(saved, expected)) {
            throw new BadInputException(dir + " holds a run with another config than this command would run there "
                    + "(its config.yaml differs); choose another --out, or remove that folder");
        }
        if (stage1Run != null) {
            Path origin = dir.resolve("stage1_run.txt");
            String from = Files.isRegularFile(origin) ? Files.readString(origin).trim() : "";
            if (!from.equals(stage1Run.toAbsolutePath().toString())) {
                throw new BadInputException(dir + " holds a stage-2 run started from " + from + ", not from " + stage1Run
                        + "; choose another --out, or remove that folder");
            }
        }
    }
}
