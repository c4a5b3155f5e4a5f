package org.longtail4j.runfolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.longtail4j.reports.Files2;

/**
 * A run that fails before its first checkpoint (a bad --stage1-run, a full disk, divergence in the first
 * epoch) takes back what it wrote, so that the folder is as it was and the same {@code --out} can be used
 * again; before, the left-over config.yaml made the next start refuse the folder.
 *
 * <p>Only the files a start writes are removed, never anything else a user keeps in the folder, and
 * nothing at all once a stage saved its "last" checkpoint: from then on the run is worth resuming.
 */
public final class FailedStart {

    /** The files a start writes at the top of the run folder. */
    private static final List<String> START_FILES = List.of("config.yaml", "split.json", "train_indices.txt",
            "validation_indices.txt", "stage1_run.txt", "start_checkpoint.txt", "results.json", "train_files.txt",
            "validation_files.txt", "test_files.txt", "classes.tsv", "groups.txt", "data.txt");

    private FailedStart() {}

    /** Removes the start files and stage folders from {@code runDir} unless a stage saved a checkpoint. */
    public static void undo(Path runDir) {
        try {
            List<Path> stageFolders;
            try (Stream<Path> entries = Files.list(runDir)) {
                stageFolders = entries.filter(FailedStart::isStageFolder).toList();
            }
            for (Path stage : stageFolders) {
                if (holdsCheckpoint(stage)) {
                    return;
                }
            }
            for (Path stage : stageFolders) {
                Files2.deleteTree(stage);
            }
            for (String name : START_FILES) {
                Files.deleteIfExists(runDir.resolve(name));
            }
        } catch (IOException e) {
            // best effort: the failure being reported matters more than this clean-up
        }
    }

    /** A folder a stage writes: metrics, checkpoints or results. */
    private static boolean isStageFolder(Path p) {
        return Files.isDirectory(p) && (Files.exists(p.resolve("metrics.jsonl")) || Files.exists(p.resolve("checkpoints"))
                || Files.exists(p.resolve("results.json")));
    }

    /**
     * Whether the stage saved a "last" checkpoint (or the copy a killed save left aside), the one a resume
     * continues from; a "best" alone is not worth keeping, since a resume would start the stage over.
     */
    private static boolean holdsCheckpoint(Path stage) {
        Path checkpoints = stage.resolve("checkpoints");
        return Files.isRegularFile(checkpoints.resolve("last").resolve("progress.json"))
                || Files.isRegularFile(checkpoints.resolve("last.old").resolve("progress.json"));
    }
}
