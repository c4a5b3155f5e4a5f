package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.CliRun;

/**
 * A diverging run (a huge learning rate) stops at once with one line naming the stage, epoch, iteration
 * and the likely cause, exit 2, and keeps its last good checkpoint. Before, it trained on to the end of
 * the epoch and failed in the evaluation: exit 1, "IllegalArgumentException: score NaN at row 0, class 0".
 */
class DivergenceTest {

    @TempDir
    Path dir;

    /** The one error line; group 1 the epoch, group 2 the rate when it diverged, group 3 the checkpoint kept. */
    private static final Pattern LINE = Pattern.compile("error: stage1 diverged in epoch (\\d) of 3, (?:iteration \\d+ of"
            + " \\d+|its last iteration): (?:the loss is (?:NaN|Infinity)|parameter \\S+ holds (?:NaN|-?Infinity));"
            + " the likely cause is a learning rate too high for this model \\(the rate was (\\S+) there; stages\\.stage1\\.lr"
            + " = (?:\\S+)\\), so start again with a smaller one; (.*)");

    private CliRun train(Path out, String... overrides) throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path config = TinyConfigs.write(dir);
        List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(), "--data", data.toString(),
                "--out", out.toString(), "--set", "stages.stage1.epochs=3"));
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Exit 2, progress lines then exactly one error line, which matches {@link #LINE}. */
    private static Matcher errorLine(CliRun run) {
        assertEquals(2, run.exit(), run::toString);
        List<String> lines = run.errLines();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count(), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
        Matcher m = LINE.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), run::toString);
        return m;
    }

    @Test
    void aHugeLearningRateStopsInTheFirstEpochWithOneLine() throws IOException {
        Path out = dir.resolve("out");
        Matcher m = errorLine(train(out, "stages.stage1.lr=1e8"));
        assertEquals("1", m.group(1));
        assertEquals("1.0E8", m.group(2));
        assertEquals("no checkpoint of this stage was saved before it", m.group(3));
        assertFalse(Files.exists(out.resolve("stage1").resolve("checkpoints").resolve("last")));
        assertFalse(Files.exists(out.resolve("results.json")));
    }

    @Test
    void aRateThatExplodesInTheSecondEpochKeepsTheFirstEpochsCheckpoint() throws IOException {
        // 0.01 for epoch 1, then 0.01 x 1e10 from epoch 2 on
        Path out = dir.resolve("out");
        Matcher m = errorLine(train(out, "stages.stage1.lr=0.01", "stages.stage1.schedule.type=warmup-multistep",
                "stages.stage1.schedule.warmup_epochs=0", "stages.stage1.schedule.milestones=[1]", "stages.stage1.schedule.gamma=1e10"));
        assertEquals("2", m.group(1));
        assertEquals("1.0E8", m.group(2));
        Path last = out.resolve("stage1").resolve("checkpoints").resolve("last");
        assertEquals("the last good checkpoint (epoch 1) is kept in " + last, m.group(3));
        assertTrue(Files.readString(last.resolve("progress.json")).contains("\"epochs_done\" : 1"));
        assertFalse(Files.exists(out.resolve("stage1").resolve("results.json")));
        assertEquals(1, Files.readAllLines(out.resolve("stage1").resolve("metrics.jsonl")).size());
    }
}
