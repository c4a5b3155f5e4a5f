package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.CliRun;

/**
 * Mistakes in what the user gives, end to end through {@link LongTail#execute}: exit code 2, exactly one
 * line on stderr that starts with "error: " and names the file, key or value, no stack trace unless
 * --verbose, nothing on stdout, and no run (config, checkpoint, results) left in the output folder.
 */
class CommandLineBadInputTest {

    @TempDir
    Path dir;

    private Path config;
    private Path out;

    @BeforeEach
    void tinyConfig() throws IOException {
        config = TinyConfigs.write(dir);
        out = dir.resolve("out");
    }

    private CliRun train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--config", config.toString(),
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Exit 2, one "error: " line naming each of {@code mentions}, no stack trace, no run left. */
    private void assertBadInput(CliRun run, String... mentions) throws IOException {
        assertEquals(2, run.exit(), run::toString);
        List<String> lines = run.errLines();
        assertEquals(1, lines.size(), () -> "expected exactly one line on stderr:\n" + run);
        String line = lines.get(0);
        assertTrue(line.startsWith("error: "), () -> "not an error line: " + line);
        for (String mention : mentions) {
            assertTrue(line.contains(mention), () -> "error line does not name '" + mention + "': " + line);
        }
        assertFalse(run.err().contains("at org."), () -> "stack trace without --verbose:\n" + run);
        assertFalse(run.err().contains("Exception"), () -> "exception class shown to the user:\n" + run);
        assertEquals("", run.out(), () -> "nothing on stdout for a failed command:\n" + run);
        assertNoRunLeft(out);
    }

    /** A failed start leaves nothing that looks like a run: no config, checkpoint, partial or final result. */
    static void assertNoRunLeft(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.toList()) {
                String name = p.getFileName().toString();
                assertFalse(name.equals("results.json") || name.equals("config.yaml") || name.equals("checkpoints")
                        || name.endsWith(".new") || name.endsWith(".old") || name.endsWith(".tmp"),
                        () -> "a failed run left " + p);
            }
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] idxImages(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 28 * 28);
        b.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count * 28 * 28; i++) {
            b.put((byte) (i % 251));
        }
        return b.array();
    }

    private static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    /** A folder with the four Fashion-MNIST files, each given as IDX bytes (gzipped here). */
    private Path dataFolder(byte[] trainImages, byte[] trainLabels) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.write(data.resolve("train-images-idx3-ubyte.gz"), gzip(trainImages));
        Files.write(data.resolve("train-labels-idx1-ubyte.gz"), gzip(trainLabels));
        Files.write(data.resolve("t10k-images-idx3-ubyte.gz"), gzip(idxImages(2)));
        Files.write(data.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(0, 1)));
        return data;
    }

    // ---- data ----

    @Test
    void missingDataFolder() throws IOException {
        assertBadInput(train("--data", "/nonexistent/fashion-mnist"), "/nonexistent/fashion-mnist", "does not exist");
    }

    @Test
    void wrongMagicNumberInTheImagesFile() throws IOException {
        Path data = dataFolder(idxLabels(1, 2, 3), idxLabels(1, 2, 3)); // a labels file under the images name
        assertBadInput(train("--data", data.toString()),
                data.resolve("train-images-idx3-ubyte.gz").toString(), "magic number 0x00000801", "0x00000803");
    }

    @Test
    void imagesFileThatIsNotGzip() throws IOException {
        Path data = dataFolder(idxImages(3), idxLabels(1, 2, 3));
        Files.write(data.resolve("train-images-idx3-ubyte.gz"), idxImages(3));
        assertBadInput(train("--data", data.toString()),
                data.resolve("train-images-idx3-ubyte.gz").toString(), "gzip");
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path data = dataFolder(idxImages(3), idxLabels(1, 2, 12));
        assertBadInput(train("--data", data.toString()),
                data.resolve("train-labels-idx1-ubyte.gz").toString(), "label 12", "0..9");
    }

    @Test
    void imagesAndLabelsDisagreeOnTheCount() throws IOException {
        Path data = dataFolder(idxImages(3), idxLabels(1, 2));
        assertBadInput(train("--data", data.toString()), "3 images", "2 labels");
    }

    // ---- config ----

    @Test
    void unknownConfigKeyInTheFile() throws IOException {
        Files.writeString(config, Files.readString(config) + "eval:\n  evry: 2\n");
        assertBadInput(train(), "'eval.evry'", config.toString());
    }

    @Test
    void unknownConfigKeyViaSet() throws IOException {
        assertBadInput(train("--set", "stages.stage1.schedule.gama=0.3"), "'stages.stage1.schedule.gama'", "--set");
    }

    @Test
    void valueOfTheWrongType() throws IOException {
        assertBadInput(train("--set", "stages.stage1.epochs=ten"), "'stages.stage1.epochs'", "whole number", "ten",
                "--set stages.stage1.epochs=ten");
    }

    @Test
    void valueOfTheWrongTypeInTheFile() throws IOException {
        Files.writeString(config, Files.readString(config).replace("prefetch: 0", "prefetch: lots"));
        assertBadInput(train(), "'runtime.prefetch'", "whole number", "lots", config.toString());
    }

    @Test
    void imbalanceRatioBelowOne() throws IOException {
        assertBadInput(train("--set", "data.imbalance_ratio=0.5"), "'data.imbalance_ratio'", "0.5", ">= 1");
    }

    @Test
    void negativeEpochs() throws IOException {
        assertBadInput(train("--set", "stages.stage1.epochs=-1"), "'stages.stage1.epochs'", "-1", ">= 1");
    }

    @Test
    void batchSizeZero() throws IOException {
        assertBadInput(train("--set", "stages.stage1.batch_size=0"), "'stages.stage1.batch_size'", "0", ">= 1");
    }

    @Test
    void cosineWarmUpAsLongAsTheStage() throws IOException {
        // valid data, so that nothing but the schedule can fail
        int[] labels = new int[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        Path data = dataFolder(idxImages(20), idxLabels(labels));
        assertBadInput(train("--data", data.toString(), "--set", "data.imbalance_ratio=1", "--set",
                "stages.stage1.schedule.type=cosine", "--set", "stages.stage1.schedule.warmup_epochs=1"),
                "'stages.stage1.schedule.warmup_epochs'", "1", "stages.stage1.epochs");
    }

    @Test
    void missingConfigFile() throws IOException {
        Path missing = dir.resolve("no-such-config.yaml");
        assertBadInput(CliRun.of("train", "--config", missing.toString(), "--out", out.toString()),
                missing.toString());
    }

    @Test
    void trainWithoutAConfig() throws IOException {
        assertBadInput(CliRun.of("train", "--out", out.toString()), "--config");
    }

    // ---- run folders ----

    @Test
    void resumeOfAnEmptyFolder() throws IOException {
        Files.createDirectories(out);
        assertBadInput(CliRun.of("train", "--resume", out.toString()), out.toString(), "config.yaml");
    }

    @Test
    void resumeOfAFolderThatDoesNotExist() throws IOException {
        Path nowhere = dir.resolve("never-ran");
        assertBadInput(CliRun.of("train", "--resume", nowhere.toString()), nowhere.toString());
        assertFalse(Files.exists(nowhere), "resume must not create the folder it was pointed at");
    }

    @Test
    void resumeWithAConfigToo() throws IOException {
        assertBadInput(CliRun.of("train", "--resume", out.toString(), "--config", config.toString()), "--resume");
    }

    @Test
    void evalOfAFolderWithoutARun() throws IOException {
        Files.createDirectories(out);
        assertBadInput(CliRun.of("eval", "--run", out.toString()), out.toString(), "config.yaml");
    }

    @Test
    void stageOneRunWithoutACheckpoint() throws IOException {
        Path stage1 = dir.resolve("not-a-run");
        Files.createDirectories(stage1);
        assertBadInput(train("--stage1-run", stage1.toString(), "--set", "stages.stage2.method=dr", "--set",
                "stages.stage2.epochs=1"), stage1.toString());
    }

    /** A one-stage recipe started from another run's first stage has nothing left to train: refused up front. */
    @Test
    void aRecipeWithNoStageLeftIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path stage1 = dir.resolve("some-run");
        Files.createDirectories(stage1);
        assertBadInput(train("--stage1-run", stage1.toString()), "no stage to train", "--stage1-run");
        assertFalse(Files.exists(out.resolve("config.yaml")), "no run folder left behind");
        assertFalse(Files.exists(out.resolve("split.json")), "no run folder left behind");
    }

    // ---- other commands ----

    @Test
    void demoWithAMissingDataFolder() throws IOException {
        assertBadInput(CliRun.of("demo", "--quick", "--data", "/nonexistent/fm", "--out", out.toString()),
                "/nonexistent/fm");
    }

    @Test
    void demoWithOneEpochOfTheDemosCosineWarmUp() throws IOException {
        // a cosine warm-up as long as the stage (the full demo warms up for one epoch)
        assertBadInput(CliRun.of("demo", "--quick", "--set", "stages.stage1.epochs=1", "--set", "stages.stage1.schedule.warmup_epochs=1",
                "--out", out.toString()),
                "'stages.stage1.schedule.warmup_epochs'", "stages.stage1.epochs (1)");
    }

    @Test
    void datasetWithAMissingDataFolder() throws IOException {
        assertBadInput(CliRun.of("dataset", "--config", config.toString(), "--data", "/nonexistent/fm"),
                "/nonexistent/fm");
    }

    // ---- --verbose ----

    @Test
    void verboseShowsTheStackTraceAndStillEndsWithTheErrorLine() {
        Path missing = dir.resolve("no-such-config.yaml");
        for (List<String> args : List.of(
                List.of("--verbose", "train", "--config", missing.toString()),
                List.of("train", "--verbose", "--config", missing.toString()))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.err().contains("at org.longtail4j."), () -> "no stack trace with --verbose:\n" + run);
            List<String> lines = run.errLines();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("error: ") && last.contains(missing.toString()), () -> run.toString());
        }
    }
}
