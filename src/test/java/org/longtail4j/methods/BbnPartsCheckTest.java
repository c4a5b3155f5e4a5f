package org.longtail4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.testing.CliRun;

/**
 * BBN's loss, its bilateral mixing and its two-branch model go together: any other pairing is refused
 * when the stages are composed, with one line naming the stage and the keys, before any data are read.
 */
class BbnPartsCheckTest {

    private static final String BBN_MODEL = "model={arch: bbn-resnet20, head: bbn}";

    private static RunConfig config(String... overrides) {
        return ConfigLoader.load(null, List.of(overrides));
    }

    private static String refused(String... overrides) {
        RunConfig c = config(overrides);
        String message = assertThrows(BadInputException.class, () -> StageComposer.check(c)).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void theBbnPresetOnBbnsModelPasses() {
        StageComposer.check(config(BBN_MODEL, "stages={stage1: {method: bbn, epochs: 2}}"));
    }

    @Test
    void theBbnLossWithoutTheBilateralMixingIsRefused() {
        String none = refused(BBN_MODEL, "stages={stage1: {method: ce, epochs: 2, loss: bbn}}");
        assertTrue(none.contains("'stages.stage1.loss'") && none.contains("'stages.stage1.mixing'")
                && none.contains("needs mixing: bilateral") && none.contains("got mixing: none"), none);
        // mixup's lambda would silently stand in for alpha
        String mixup = refused(BBN_MODEL, "stages={stage1: {method: bbn, epochs: 2, mixing: {type: mixup}}}");
        assertTrue(mixup.contains("'stages.stage1.loss'") && mixup.contains("got mixing: mixup"), mixup);
    }

    @Test
    void theBilateralMixingWithAnotherLossIsRefused() {
        String m = refused(BBN_MODEL, "stages={stage1: {method: bbn, epochs: 2, loss: ce}}");
        assertTrue(m.contains("'stages.stage1.mixing'") && m.contains("'stages.stage1.loss'")
                && m.contains("needs loss: bbn") && m.contains("got loss: ce"), m);
        String second = refused(BBN_MODEL, "stages={stage1: {method: bbn, epochs: 2}, "
                + "crt: {method: crt, epochs: 1, mixing: bilateral}}");
        assertTrue(second.contains("'stages.crt.mixing'") && second.contains("got loss: ce"), second);
    }

    @Test
    void bbnOnAnotherModelIsRefused() {
        String arch = refused("model={arch: resnet32, head: linear}", "stages={stage1: {method: bbn, epochs: 2}}");
        assertTrue(arch.contains("'model.arch'") && arch.contains("'model.head'") && arch.contains("stages.stage1")
                && arch.contains("got arch resnet32, head linear"), arch);
        String head = refused("model={arch: bbn-resnet32, head: linear}", "stages={stage1: {method: bbn, epochs: 2}}");
        assertTrue(head.contains("got arch bbn-resnet32, head linear"), head);
    }

    @Test
    void aPlainStageOnBbnsModelStaysAllowed() {
        // re-training a classifier on BBN's backbone is a recipe, not a mistake
        StageComposer.check(config(BBN_MODEL, "stages={stage1: {method: bbn, epochs: 2}, "
                + "crt: {method: crt, epochs: 1}}"));
    }

    @Test
    void trainRefusesBeforeReadingAnyData(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-data");
        Path out = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--config", "configs/fashion-mnist-lt/bbn.yaml",
                "--smoke", "--data", missing.toString(), "--out", out.toString(),
                "--set", "stages.stage1.loss=ce"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        String text = run.err();
        int code = run.exit();
        assertEquals(2, code, text);
        assertTrue(text.contains("'stages.stage1.mixing'") && text.contains("needs loss: bbn"), text);
        assertFalse(text.contains("no-such-data"), "the data were looked for first: " + text);
        assertFalse(Files.exists(out.resolve("config.yaml")), "nothing half-written");
    }
}
