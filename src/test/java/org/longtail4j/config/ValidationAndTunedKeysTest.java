package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.training.ContinuedRuns;

/** The keys data.validation_per_class and tuned: their checks, and tuned kept out of a run's identity. */
class ValidationAndTunedKeysTest {

    private static final List<String> RECIPE = List.of("stages.stage1={method: ce, epochs: 1}",
            "stages.stage2={method: dr, epochs: 1}");

    @TempDir
    Path dir;

    private static RunConfig load(String... overrides) {
        List<String> all = new ArrayList<>(RECIPE);
        all.addAll(List.of(overrides));
        return ConfigLoader.load(null, all);
    }

    private static String error(String... overrides) {
        return assertThrows(BadInputException.class, () -> load(overrides)).getMessage();
    }

    @Test
    void validationPerClassDefaultsToNoneAndIsChecked() {
        assertEquals(0, load().data.validationPerClass);
        assertEquals(20, load("data.validation_per_class=20").data.validationPerClass);
        assertEquals("config key 'data.validation_per_class' is -1, expected a number >= 0",
                error("data.validation_per_class=-1"));
        assertTrue(error("data.validation_per_class=5", "data.indices_file=/x/idx.txt")
                .startsWith("config key 'data.validation_per_class' is 5, expected 0 with data.indices_file"));
        assertTrue(error("data.validation_per_class=5", "data.dataset=imagenet-lt")
                .contains("image-file datasets bring their own validation list, data.val_list"));
    }

    @Test
    void tunedKeysMustNameSettingsOfTheResolvedConfig() {
        // A setting the method preset supplies (dr's freeze-backbone edit) is found once parts are resolved.
        RunConfig ok = load("tuned={stages.stage2.edits.freeze-backbone.bn: \"chose shift over frozen on validation\","
                + " stages.stage2.lr: \"swept 0.01..0.1 on validation\", data.validation_per_class: \"as ImageNet-LT\"}");
        assertDoesNotThrow(() -> TunedValues.check(StageComposer.resolve(ConfigLoader.copy(ok))));
        assertEquals("swept 0.01..0.1 on validation", ok.tuned.get("stages.stage2.lr"));
        // --set names one entry by its whole dotted key.
        assertEquals("found by a sweep", load("tuned.stages.stage2.lr=found by a sweep").tuned.get("stages.stage2.lr"));

        RunConfig typo = load("tuned={stages.stage2.transfrom.p: \"swept\"}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> TunedValues.check(StageComposer.resolve(ConfigLoader.copy(typo))));
        assertEquals("config key 'tuned' names stages.stage2.transfrom.p, which is not a setting of this config;"
                + " expected the config key of a tuned value, e.g. stages.stage2.transform.p (see 'longtail config"
                + " --keys')", e.getMessage());
        RunConfig empty = load("tuned={stages.stage2.lr: \" \"}");
        assertTrue(assertThrows(BadInputException.class,
                () -> TunedValues.check(StageComposer.resolve(ConfigLoader.copy(empty)))).getMessage()
                .startsWith("config key 'tuned.stages.stage2.lr' is empty"));
        RunConfig self = load("tuned={tuned: \"x\"}");
        assertThrows(BadInputException.class, () -> TunedValues.check(StageComposer.resolve(ConfigLoader.copy(self))));
    }

    @Test
    void tunedIsNoPartOfARunsIdentity() throws IOException {
        RunConfig saved = load("tuned={stages.stage2.lr: \"swept on validation\"}");
        Files.writeString(dir.resolve("config.yaml"), ConfigLoader.toSavedYaml(saved));
        // The same run with another note (or none) is the same run; another learning rate is not.
        assertDoesNotThrow(() -> ContinuedRuns.requireSameRun(dir, load(), null));
        assertDoesNotThrow(() -> ContinuedRuns.requireSameRun(dir, load("tuned={stages.stage2.lr: \"by eye\"}"), null));
        assertThrows(BadInputException.class, () -> ContinuedRuns.requireSameRun(dir, load("stages.stage2.lr=0.5"),
                null));
        assertThrows(BadInputException.class, () -> ContinuedRuns.requireSameRun(dir,
                load("data.validation_per_class=10"), null), "the validation split is part of the run");
    }
}
