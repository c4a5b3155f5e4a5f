package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

/**
 * Config files that used to be misread without a word: an empty file ran 200 epochs on the defaults,
 * a key or block given twice kept the last, and infinite numbers ({@code 1e400}, {@code .inf}) passed
 * validation.
 */
class ConfigFileMistakesTest {

    @TempDir
    Path dir;

    private String failure(String yaml, String... overrides) throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, yaml);
        return assertThrows(BadInputException.class, () -> ConfigLoader.load(file, List.of(overrides))).getMessage();
    }

    private Path file() {
        return dir.resolve("run.yaml");
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        for (String empty : List.of("", "\n\n", "# only a comment\n", "---\n")) {
            assertEquals("config file " + file() + " is empty: expected a YAML mapping of config keys"
                    + " (see configs/ for examples)", failure(empty));
        }
    }

    @Test
    void aKeyGivenTwiceInAFlowMappingNamesItsLine() throws IOException {
        assertEquals("config file " + file() + ", line 2: key 'stages.stage1.epochs' is given twice (a second value would"
                + " silently replace the first; keep one)", failure("name: x\nstages: {stage1: {epochs: 1, epochs: 7}}\n"));
    }

    @Test
    void aBlockGivenTwiceNamesItsLine() throws IOException {
        String message = failure("stages:\n  stage1:\n    epochs: 1\nseed: 3\nstages:\n  stage1:\n    lr: 0.5\n");
        assertEquals("config file " + file() + ", line 5: key 'stages' is given twice (a second value would"
                + " silently replace the first; keep one)", message);
    }

    @Test
    void aNestedKeyGivenTwiceNamesItsPath() throws IOException {
        String message = failure("stages:\n  stage1:\n    schedule:\n      type: cosine\n      type: constant\n");
        assertEquals("config file " + file() + ", line 5: key 'stages.stage1.schedule.type' is given twice (a second value"
                + " would silently replace the first; keep one)", message);
    }

    @Test
    void infiniteAndNanNumbersAreRejected() throws IOException {
        assertEquals(file() + ": config key 'stages.stage1.lr' is Infinity, expected a finite number",
                failure("stages: {stage1: {lr: 1e400}}\n"));
        assertEquals(file() + ": config key 'data.augment.std.1' is -Infinity, expected a finite"
                + " number", failure("data: {augment: {mean: [0, 0], std: [1, -1e999]}}\n"));
        // YAML 1.1's .inf and .nan the parser refuses itself, naming the file and line
        assertEquals("config file " + file() + " is not valid YAML (line 1): Malformed numeric value '.inf'",
                failure("stages: {stage1: {lr: .inf}}\n"));
        assertEquals("config file " + file() + " is not valid YAML (line 1): Malformed numeric value '.nan'",
                failure("stages: {stage2: {lr: .nan}}\n"));
    }

    @Test
    void infiniteNumbersViaSetAreRejected() throws IOException {
        assertEquals("--set stages.stage1.lr=1e400: config key 'stages.stage1.lr' is Infinity, expected a finite number",
                failure("name: x\n", "stages.stage1.lr=1e400"));
    }

    @Test
    void aFileWithKeysStillLoads() throws IOException {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "stages: {stage1: {method: ce, epochs: 7, lr: 1e-3}}\n");
        RunConfig config = ConfigLoader.load(file, List.of());
        assertEquals(7, config.stages.get("stage1").epochs);
        assertEquals(1e-3, config.stages.get("stage1").lr);
    }
}
