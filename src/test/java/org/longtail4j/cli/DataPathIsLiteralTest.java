package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.testing.CliRun;

/**
 * {@code --data} is a path, taken literally: before, it was spliced into the config as YAML, so
 * {@code "/x/set #2"} read {@code /x/set}, {@code null} read the default dataset and {@code "/x/a: b"}
 * failed with a type error about a --set nobody typed.
 */
class DataPathIsLiteralTest {

    @TempDir
    Path dir;

    private static final List<String> AWKWARD = List.of("/x/set #2", "null", "/x/a: b", "~", "[1, 2]", "'quoted'",
            "\"double\"", "back\\slash", "tab\there", "1e5", "yes", "-", "ünïcödé/Ω", "&anchor *alias", "% %");

    @Test
    void everyAwkwardPathReadsBackAsItself() {
        for (String path : AWKWARD) {
            String root = ConfigLoader.load(null, List.of(ConfigLoader.literalOverride("data.root", path))).data.root;
            assertEquals(path, root, () -> "--data " + path);
        }
    }

    @Test
    void trainNamesTheFolderExactlyAsGiven() throws IOException {
        Path config = TinyConfigs.write(dir);
        for (String path : List.of("/x/set #2", "null", "/x/a: b")) {
            CliRun run = CliRun.of("train", "--config", config.toString(), "--data", path,
                    "--out", dir.resolve("out").toString());
            assertEquals(2, run.exit(), run::toString);
            assertEquals(List.of("error: data folder " + path + " does not exist (expected the four Fashion-MNIST .gz "
                    + "files there; --download fetches them)"), run.errLines(), run::toString);
        }
    }

    @Test
    void dataNamingAFileSaysSo() throws IOException {
        // it said "does not exist"
        Path config = TinyConfigs.write(dir);
        Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "x");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--data", file.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals(List.of("error: data folder " + file + " is a file, expected a folder with the four Fashion-MNIST"
                + " .gz files"), run.errLines(), run::toString);
        assertFalse(Files.exists(dir.resolve("out")), "a failed start left its run folder");
    }

    @Test
    void demoNamesTheFolderExactlyAsGiven() {
        CliRun run = CliRun.of("demo", "--quick", "--data", "/x/set #2", "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("data folder /x/set #2 does not exist"), run::toString);
        assertFalse(Files.exists(dir.resolve("out").resolve("stage1").resolve("config.yaml")));
    }
}
