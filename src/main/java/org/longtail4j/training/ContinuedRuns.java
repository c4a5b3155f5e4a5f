package org.longtail4j.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.methods.StageComposer;

/**
 * Commands that make several run folders (demo, sweep, table) continue where an interrupted earlier call
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

    /** What {@link #finish} did. */
    public enum Finished {
        /** The run had finished before: nothing trained, its results.json is as it was. */
        READ_BACK,
        /** An interrupted run was resumed from its last checkpoints. */
        CONTINUED,
        /** The folder held no run: it was started. */
        STARTED
    }

    /**
     * Makes {@code dir} hold the finished run {@code config} describes: a finished run there is read back
     * as it is (resuming it would evaluate it again), an interrupted one is resumed, an empty folder
     * started; a different run there is refused as by {@link #requireSameRun}. One line on
     * {@code notes} says which, before any training.
     *
     * @param label what the line calls the run, e.g. "DR + H2T, seed 1"
     */
    public static Finished finish(RunConfig config, Path dir, Path stage1Run, String startStage,
            TrainingObserver observer, PrintStream notes, String label) throws IOException {
        if (!Files.exists(dir.resolve("config.yaml"))) {
            notes.println(label + ": training into " + dir);
            RecipeRunner.start(config, dir, stage1Run, startStage, observer);
            return Finished.STARTED;
        }
        requireSameRun(dir, config, stage1Run == null ? null : RecipeRunner.stageCheckpoint(stage1Run, startStage));
        if (Files.isRegularFile(dir.resolve("results.json"))) {
            notes.println(label + ": finished before, results read from " + dir);
            return Finished.READ_BACK;
        }
        notes.println(label + ": continuing the run in " + dir);
        RecipeRunner.resume(dir, observer);
        return Finished.CONTINUED;
    }

    /**
     * The folder must hold the run {@code expected} describes (runtime settings and the {@code tuned} notes aside, but a
     * smoke run is never a full one; parts compared resolved, with all their settings), started from the checkpoint
     * {@code start} if not null.
     */
    public static void requireSameRun(Path dir, RunConfig expected, Path start) throws IOException {
        RunConfig saved = StageComposer.resolve(ConfigLoader.loadResolved(dir.resolve("config.yaml")));
        if (saved.runtime.smoke != expected.runtime.smoke) {
            // a smoke run's figures mean nothing: never continue or read one back as a full run
            throw new BadInputException(dir + " holds a " + (saved.runtime.smoke ? "smoke" : "full") + " run and this "
                    + "command would run a " + (expected.runtime.smoke ? "smoke" : "full") + " one there; choose "
                    + "another --out, or remove that folder");
        }
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
            // The path is the same, but the weights there may be newer: a first stage trained again
            if (Files.isDirectory(start) && newestFile(start).compareTo(
                    Files.getLastModifiedTime(dir.resolve("config.yaml"))) > 0) {
                throw new BadInputException(dir + " started from " + start + ", which has been written again since; "
                        + "remove that folder to run it from the new weights");
            }
        }
    }

    /** The latest modification time of the files in {@code folder} (not below it). */
    private static FileTime newestFile(Path folder) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                FileTime t = Files.getLastModifiedTime(f);
                newest = t.compareTo(newest) > 0 ? t : newest;
            }
        }
        return newest;
    }
}
