package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.Files2;
import org.longtail4j.testing.CliRun;
import org.longtail4j.testing.SameRun;

/**
 * A damaged or missing checkpoint file on resume is one line naming the file, saying "damaged" or
 * "missing", and naming the stage's other checkpoint to go on from. Before, a truncated model.params
 * was blamed on the model settings ("another model.arch?"), a truncated optimizer.ndlist ended in
 * "IllegalArgumentException: Malformed data" (exit 1, no file named), a truncated progress.json printed
 * a two-line parser message.
 */
class DamagedCheckpointTest {

    @TempDir
    static Path dir;

    private static Path trained;

    /** A finished two-epoch run, both checkpoints kept; each test damages a copy. */
    @BeforeAll
    static void train() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path config = TinyConfigs.write(dir);
        trained = dir.resolve("trained");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out",
                trained.toString(), "--set", "stages.stage1.epochs=2", "--set", "eval.every=1");
        assertEquals(0, run.exit(), run::toString);
    }

    private static Path copyOfTheRun(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> paths = Files.walk(trained)) {
            for (Path p : paths.toList()) {
                Path target = copy.resolve(trained.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    private static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** Resumes {@code run}: exit 2 and exactly one error line, which is returned. */
    private static String resumeError(Path run) {
        CliRun resume = CliRun.of("train", "--resume", run.toString());
        assertEquals(2, resume.exit(), resume::toString);
        List<String> errors = resume.errLines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), resume::toString);
        assertFalse(resume.err().contains("Exception"), resume::toString);
        return errors.get(0);
    }

    private static String advice(Path run) {
        Path checkpoints = run.resolve("stage1").resolve("checkpoints").toAbsolutePath();
        return "; the stage's other checkpoint " + checkpoints.resolve("best") + " (after epoch ";
    }

    @Test
    void truncatedModelParameters() throws IOException {
        Path run = copyOfTheRun("model-cut");
        Path file = run.resolve("stage1/checkpoints/last/model.params");
        truncate(file);
        String line = resumeError(run);
        assertTrue(line.startsWith("error: checkpoint file " + file + " is damaged (it ends early)" + advice(run)),
                line);
        assertFalse(line.contains("model.arch"), line);
    }

    @Test
    void missingModelParameters() throws IOException {
        Path run = copyOfTheRun("model-gone");
        Path file = run.resolve("stage1/checkpoints/last/model.params");
        Files.delete(file);
        String line = resumeError(run);
        assertTrue(line.startsWith("error: checkpoint file " + file + " is missing" + advice(run)), line);
    }

    @Test
    void truncatedOptimizerState() throws IOException {
        Path run = copyOfTheRun("optimizer-cut");
        Path file = run.resolve("stage1/checkpoints/last/optimizer.ndlist");
        truncate(file);
        String line = resumeError(run);
        assertTrue(line.startsWith("error: checkpoint file " + file + " is damaged (") && line.contains(advice(run)),
                line);
    }

    @Test
    void aStageStartedOverAfterItsCheckpointsWereDeletedLogsEachEpochOnce() throws IOException {
        // the stage trains again from its start; it appended its epochs after the old ones
        Path run = copyOfTheRun("checkpoints-deleted");
        Files2.deleteTree(run.resolve("stage1/checkpoints"));
        CliRun resume = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, resume.exit(), resume::toString);
        assertEquals(SameRun.metricsWithoutTimings(trained.resolve("stage1")),
                SameRun.metricsWithoutTimings(run.resolve("stage1")));
    }

    @Test
    void truncatedProgress() throws IOException {
        Path run = copyOfTheRun("progress-cut");
        Path file = run.resolve("stage1/checkpoints/last/progress.json");
        truncate(file);
        String line = resumeError(run);
        assertTrue(line.startsWith("error: checkpoint file " + file + " is damaged (") && line.contains(advice(run)),
                line);
    }
}
