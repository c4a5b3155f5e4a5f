package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

/** Defaults, YAML files, base: inheritance, --set overrides, and the one-line errors of each. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    /** A valid one-stage recipe, for overrides that test one key without a file. */
    private static final String STAGE1 = "stages.stage1={method: ce, epochs: 200}";

    private static BadInputException bad(Path file, String... overrides) {
        List<String> all = new java.util.ArrayList<>();
        if (file == null) {
            all.add(STAGE1);
        }
        all.addAll(List.of(overrides));
        return assertThrows(BadInputException.class, () -> ConfigLoader.load(file, all));
    }

    private static void assertMentions(Exception e, String... parts) {
        String message = e.getMessage();
        assertFalse(message.contains("\n"), () -> "message is more than one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message lacks '" + part + "': " + message);
        }
    }

    // ---- defaults ----

    @Test
    void defaultsAloneAreValid() {
        RunConfig c = ConfigLoader.load(null, List.of());
        ConfigValidator.validate(new RunConfig());
        assertEquals("fashion-mnist", c.data.dataset);
        assertEquals(100.0, c.data.imbalanceRatio);
        assertEquals("resnet32", c.model.arch);
        assertTrue(c.stages.isEmpty(), "a recipe's stages come from its config");
        assertEquals(ConfigLoader.toYaml(new RunConfig()), ConfigLoader.toYaml(c));
    }

    // ---- YAML over defaults ----

    @Test
    void yamlMergesMappingsAndReplacesLists() throws IOException {
        Path file = write("run.yaml", """
                name: merged
                data:
                  imbalance_ratio: 10
                  groups:
                    boundaries: [2, 5]
                stages:
                  stage1:
                    method: ce
                    epochs: 7
                    schedule:
                      milestones: [3]
                """);
        RunConfig c = ConfigLoader.load(file, List.of());
        assertEquals("merged", c.name);
        assertEquals(10.0, c.data.imbalanceRatio);
        assertEquals("fashion-mnist", c.data.dataset, "a sibling key keeps its default");
        assertEquals(List.of(2, 5), c.data.groups.boundaries, "lists replace the default, not append to it");
        assertEquals("thresholds", c.data.groups.rule, "nested sibling keeps its default");
        assertEquals(7, c.stages.get("stage1").epochs);
        assertEquals(128, c.stages.get("stage1").batchSize);
        assertEquals(List.of(3), c.stages.get("stage1").schedule.milestones);
        assertEquals("warmup-multistep", c.stages.get("stage1").schedule.type);
        assertEquals(5, c.stages.get("stage1").schedule.warmupEpochs);
        assertEquals(0.1, c.stages.get("stage1").schedule.gamma);
        assertEquals(List.of("stage1"), List.copyOf(c.stages.keySet()), "no stage the file does not name");
    }

    @Test
    void anEmptyListInYamlEmptiesTheDefault() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    epochs: 1\n    schedule:\n      milestones: []\n");
        assertEquals(List.of(), ConfigLoader.load(file, List.of()).stages.get("stage1").schedule.milestones);
    }

    // ---- base: inheritance ----

    @Test
    void baseIsResolvedRelativeToTheFileThatNamesIt() throws IOException {
        write("parent.yaml", """
                name: parent
                seed: 5
                stages:
                  stage1:
                    method: ce
                    epochs: 30
                    lr: 0.05
                """);
        Path child = write("sub/child.yaml", """
                base: ../parent.yaml
                name: child
                stages:
                  stage1:
                    method: ce
                    epochs: 3
                """);
        RunConfig c = ConfigLoader.load(child, List.of());
        assertEquals("child", c.name);
        assertEquals(5, c.seed, "inherited from the base");
        assertEquals(3, c.stages.get("stage1").epochs, "the child wins");
        assertEquals(0.05, c.stages.get("stage1").lr, "a sibling from the base survives the child's mapping");
        assertEquals(128, c.stages.get("stage1").batchSize, "neither file: the default");
    }

    @Test
    void baseChainsOfTwoApplyGrandparentThenParentThenChild() throws IOException {
        write("a/grand.yaml", """
                name: grand
                seed: 1
                data:
                  imbalance_ratio: 50
                  max_per_class: 10
                stages:
                  stage1:
                    method: ce
                    epochs: 100
                    batch_size: 32
                    lr: 0.3
                """);
        write("b/parent.yaml", """
                base: ../a/grand.yaml
                name: parent
                data:
                  imbalance_ratio: 20
                stages:
                  stage1:
                    method: ce
                    epochs: 50
                """);
        Path child = write("b/c/child.yaml", """
                base: ../parent.yaml
                stages:
                  stage1:
                    method: ce
                    epochs: 2
                """);
        RunConfig c = ConfigLoader.load(child, List.of());
        assertEquals("parent", c.name);
        assertEquals(1, c.seed);
        assertEquals(20.0, c.data.imbalanceRatio);
        assertEquals(10, c.data.maxPerClass);
        assertEquals(2, c.stages.get("stage1").epochs);
        assertEquals(32, c.stages.get("stage1").batchSize);
        assertEquals(0.3, c.stages.get("stage1").lr);
    }

    @Test
    void aLoopOfBasesIsAnError() throws IOException {
        write("one.yaml", "base: two.yaml\nseed: 1\n");
        write("two.yaml", "base: three.yaml\nseed: 2\n");
        Path three = write("three.yaml", "base: one.yaml\nseed: 3\n");
        BadInputException e = bad(three);
        assertMentions(e, "loop", "one.yaml");
    }

    @Test
    void aFileThatIsItsOwnBaseIsALoop() throws IOException {
        Path self = write("self.yaml", "base: ./self.yaml\n");
        assertMentions(bad(self), "loop", "self.yaml");
    }

    @Test
    void aMissingBaseFileIsNamed() throws IOException {
        Path child = write("child.yaml", "base: nowhere.yaml\n");
        assertMentions(bad(child), "nowhere.yaml", "does not exist");
    }

    @Test
    void anUnknownKeyInABaseFileNamesTheBaseFile() throws IOException {
        write("parent.yaml", "stages:\n  stage1:\n    method: ce\n    epoches: 3\n");
        Path child = write("child.yaml", "base: parent.yaml\n");
        assertMentions(bad(child), "parent.yaml", "'stages.stage1.epoches'");
    }

    // ---- --set ----

    @Test
    void setOverridesAreYamlTyped() throws IOException {
        Path file = write("run.yaml", """
                data:
                  root: /somewhere
                  indices_file: /somewhere/indices.txt
                stages:
                  stage1:
                    method: ce
                    epochs: 7
                """);
        RunConfig c = ConfigLoader.load(file, List.of(
                "stages.stage1.epochs=12",
                "stages.stage1.lr=0.05",
                "stages.stage1.weight_decay=1e-3",
                "stages.stage1.schedule.milestones=[3, 7]",
                "data.augment.flip=false",
                "data.root=null",
                "data.indices_file=~",
                "data.groups.boundaries=[1,4]",
                "name=from-set",
                "stages.stage1.loss={type: focal, gamma: 2}",
                "stages.stage1.loss.weights={type: cb, beta: 0.99}"));
        assertEquals(12, c.stages.get("stage1").epochs, "--set wins over the file");
        assertEquals(0.05, c.stages.get("stage1").lr);
        assertEquals(1e-3, c.stages.get("stage1").weightDecay);
        assertEquals(List.of(3, 7), c.stages.get("stage1").schedule.milestones);
        assertFalse(c.data.augment.flip);
        assertNull(c.data.root, "YAML null clears a value the file set");
        assertNull(c.data.indicesFile);
        assertEquals(List.of(1, 4), c.data.groups.boundaries);
        assertEquals("from-set", c.name);
        assertEquals(Map.of("type", "focal", "gamma", 2, "weights", Map.of("type", "cb", "beta", 0.99)),
                c.stages.get("stage1").loss, "a part's settings are the part's registry's to check, not the loader's");
    }

    @Test
    void laterSetsWinOverEarlierOnes() {
        RunConfig c = ConfigLoader.load(null, List.of("seed=1", "seed=9"));
        assertEquals(9, c.seed);
    }

    @Test
    void setOfAWholeMappingMergesIntoIt() {
        RunConfig c = ConfigLoader.load(null, List.of("stages.stage1={method: ce, epochs: 4, lr: 0.5}"));
        assertEquals(4, c.stages.get("stage1").epochs);
        assertEquals(0.5, c.stages.get("stage1").lr);
        assertEquals(128, c.stages.get("stage1").batchSize);
    }

    @Test
    void aSetWithoutEqualsSignIsAnError() {
        assertMentions(bad(null, "stages.stage1.epochs"), "stages.stage1.epochs", "key=value");
    }

    @Test
    void withOverrideLeavesTheOriginalAlone() {
        RunConfig original = ConfigLoader.load(null, List.of(STAGE1));
        RunConfig changed = ConfigLoader.withOverride(original, "stages.stage1.epochs=3");
        assertEquals(3, changed.stages.get("stage1").epochs);
        assertEquals(200, original.stages.get("stage1").epochs);
        RunConfig copy = ConfigLoader.copy(changed);
        copy.stages.get("stage1").schedule.milestones.add(999);
        assertEquals(List.of(160, 180), changed.stages.get("stage1").schedule.milestones, "copy is deep");
    }

    // ---- unknown keys ----

    @Test
    void unknownTopLevelKeyNamesKeyAndFile() throws IOException {
        Path file = write("run.yaml", "epochs: 3\n");
        assertMentions(bad(file), "'epochs'", file.toString(), "stages");
    }

    @Test
    void unknownNestedKeyNamesTheDottedPathAndFile() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    schedule:\n      milestone: [10]\n");
        BadInputException e = bad(file);
        assertMentions(e, "'stages.stage1.schedule.milestone'", file.toString(), "milestones");
    }

    @Test
    void unknownKeyViaSetNamesTheDottedPathAndTheSet() {
        BadInputException e = bad(null, "stages.stage1.schedule.gama=0.5");
        assertMentions(e, "'stages.stage1.schedule.gama'", "--set", "gamma");
    }

    @Test
    void unknownKeyViaSetWithAFileStillBlamesTheSet() throws IOException {
        Path file = write("run.yaml", "seed: 1\n");
        BadInputException e = bad(file, "data.datasett=cifar10");
        assertMentions(e, "'data.datasett'", "--set data.datasett=cifar10");
    }

    @Test
    void aKeyBelowAPlainValueIsUnknown() {
        // stage1.epochs is a number, so stage1.epochs.x names nothing
        assertMentions(bad(null, "stages.stage1.epochs.x=1"), "stages.stage1.epochs");
    }

    // ---- wrong types ----

    @Test
    void wordWhereAWholeNumberIsExpected() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    epochs: ten\n");
        assertMentions(bad(file), "'stages.stage1.epochs'", "whole number", "ten", file.toString());
    }

    @Test
    void fractionWhereAWholeNumberIsExpected() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    batch_size: 1.5\n");
        assertMentions(bad(file), "'stages.stage1.batch_size'", "whole number", "1.5");
    }

    @Test
    void wordWhereABooleanIsExpected() throws IOException {
        Path file = write("run.yaml", "data:\n  augment:\n    flip: maybe\n");
        assertMentions(bad(file), "'data.augment.flip'", "true or false", "maybe");
    }

    @Test
    void rotationOutsideZeroTo180DegreesIsRefused() {
        assertMentions(bad(null, "data.augment.rotation=-5"), "'data.augment.rotation'", "[0, 180]", "-5");
        assertMentions(bad(null, "data.augment.rotation=200"), "'data.augment.rotation'", "[0, 180]", "200");
        assertEquals(15.0, ConfigLoader.load(null, List.of("data.augment.rotation=15")).data.augment.rotation);
    }

    @Test
    void numberWhereAListIsExpected() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    schedule:\n      milestones: 5\n");
        assertMentions(bad(file), "'stages.stage1.schedule.milestones'", "a list", "5");
    }

    @Test
    void wordInsideAListOfNumbersNamesTheElement() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    schedule:\n      milestones: [10, soon]\n");
        assertMentions(bad(file), "'stages.stage1.schedule.milestones.1'", "whole number", "soon");
    }

    @Test
    void numberWhereAMappingIsExpected() {
        assertMentions(bad(null, "stages.stage1.schedule=5"), "'stages.stage1.schedule'", "mapping", "5");
    }

    @Test
    void anOldStageKeySaysWhereItWent() {
        assertMentions(bad(null, "stage2.h2t.p=0.3"), "'stage2'", "stages.stage2");
        assertMentions(bad(null, "stages.stage1.mixup_alpha=1"), "'stages.stage1.mixup_alpha'",
                "mixing: {type: mixup");
    }

    @Test
    void wordWhereANumberIsExpected() {
        assertMentions(bad(null, "stages.stage1.lr=fast"), "'stages.stage1.lr'", "a number", "fast");
    }

    @Test
    void wrongTypeViaSet() {
        assertMentions(bad(null, "stages.stage1.epochs=ten"), "'stages.stage1.epochs'", "whole number", "ten");
    }

    @Test
    void wrongTypeViaSetWithAFileBlamesTheSetNotTheFile() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    epochs: 3\n");
        BadInputException e = bad(file, "seed=1", "stages.stage1.epochs=ten");
        assertMentions(e, "--set stages.stage1.epochs=ten", "'stages.stage1.epochs'", "whole number");
        assertFalse(e.getMessage().contains(file.toString()), () -> "the file is blamed: " + e.getMessage());
    }

    @Test
    void wrongTypeInTheFileBlamesTheFileEvenWithSets() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    lr: fast\n");
        assertMentions(bad(file, "seed=1"), file.toString(), "'stages.stage1.lr'", "a number", "fast");
    }

    @Test
    void scalarWhereAMappingIsExpected() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1: 5\n");
        assertMentions(bad(file), "'stages.stage1'", "the stage's settings");
    }

    @Test
    void aTopLevelListIsNotAConfig() throws IOException {
        Path file = write("run.yaml", "- a\n- b\n");
        assertMentions(bad(file), file.toString(), "mapping");
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws IOException {
        Path file = write("run.yaml", "seed: 1\nstages:\n  stage1:\n    epochs: [1, 2\n");
        assertMentions(bad(file), file.toString(), "not valid YAML", "line");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("missing.yaml");
        assertMentions(bad(missing), missing.toString(), "does not exist");
    }

    // ---- out-of-range values ----

    @Test
    void imbalanceRatioBelowOne() {
        assertMentions(bad(null, "data.imbalance_ratio=0.5"), "'data.imbalance_ratio'", "0.5", ">= 1");
    }

    @Test
    void negativeEpochs() {
        assertMentions(bad(null, "stages.stage1.epochs=-1"), "'stages.stage1.epochs'", "-1", ">= 1");
    }

    @Test
    void batchSizeZero() {
        assertMentions(bad(null, "stages.stage1.batch_size=0"), "'stages.stage1.batch_size'", "0", ">= 1");
    }

    @Test
    void fusionRatioAboveOne() {
        // A part's settings are checked by its registry when the stages are composed (before any data).
        RunConfig c = ConfigLoader.load(null, List.of(STAGE1,
                "stages.stage2={method: dr, epochs: 2, transform: {type: h2t, p: 1.5}}"));
        assertMentions(assertThrows(BadInputException.class, () -> org.longtail4j.methods.StageComposer.check(c)),
                "'stages.stage2.transform.p'", "1.5", "[0, 1]");
    }

    @Test
    void momentumOfOne() {
        assertMentions(bad(null, "stages.stage1.momentum=1"), "'stages.stage1.momentum'", "[0, 1)");
    }

    @Test
    void unknownDatasetListsTheKnownOnes() {
        assertMentions(bad(null, "data.dataset=imagenet"), "'data.dataset'", "imagenet",
                "cifar10", "cifar100", "fashion-mnist");
    }

    @Test
    void unknownScheduleTypeListsTheKnownOnes() {
        assertMentions(bad(null, "stages.stage1.schedule.type=step"), "'stages.stage1.schedule.type'", "step",
                "constant", "cosine", "warmup-multistep");
    }

    @Test
    void unknownArchitectureListsTheKnownOnes() {
        assertMentions(bad(null, "model.arch=resnet18"), "'model.arch'", "resnet18", "resnet32");
    }

    @Test
    void milestonesMustAscend() {
        assertMentions(bad(null, "stages.stage1.schedule.milestones=[180, 160]"), "'stages.stage1.schedule.milestones'",
                "ascending");
    }

    @Test
    void cosineWarmUpMustLeaveEpochsToDecayOver() {
        assertMentions(bad(null, "stages.stage1.epochs=3", "stages.stage1.schedule.type=cosine", "stages.stage1.schedule.warmup_epochs=3"),
                "'stages.stage1.schedule.warmup_epochs'", "3", "stages.stage1.epochs");
        RunConfig ok = ConfigLoader.load(null, List.of(STAGE1, "stages.stage1.epochs=3", "stages.stage1.schedule.type=cosine",
                "stages.stage1.schedule.warmup_epochs=2"));
        assertEquals(2, ok.stages.get("stage1").schedule.warmupEpochs);
        // warm-up multi-step may warm up for the whole stage
        assertEquals(3, ConfigLoader.load(null, List.of(STAGE1, "stages.stage1.epochs=3", "stages.stage1.schedule.warmup_epochs=3"))
                .stages.get("stage1").schedule.warmupEpochs);
    }

    @Test
    void everyStageIsChecked() {
        assertMentions(bad(null, "stages.stage2.method=dr", "stages.stage2.epochs=-2"), "'stages.stage2.epochs'", ">= 1", "0 for a post-hoc stage");
        assertMentions(bad(null, "stages.stage2.epochs=3"), "'stages.stage2.method'", "a method");
    }

    @Test
    void nullRemovesAStage() {
        RunConfig c = ConfigLoader.load(null, List.of(STAGE1, "stages.stage2={method: dr, epochs: 2}",
                "stages.stage1=null"));
        assertEquals(List.of("stage2"), List.copyOf(c.stages.keySet()));
    }

    @Test
    void outOfRangeFromAFileIsCaughtToo() throws IOException {
        Path file = write("run.yaml", "stages:\n  stage1:\n    method: ce\n    epochs: 1\n    batch_size: 0\n");
        assertMentions(bad(file), "'stages.stage1.batch_size'", ">= 1");
    }

    // ---- saved config ----

    @Test
    void savedYamlLoadsBackEqual() throws IOException {
        Path file = write("run.yaml", """
                name: round-trip
                seed: 42
                data:
                  root: "/data/fashion mnist: odd/path"
                  imbalance_ratio: 37.5
                  max_per_class: 60
                  class_order: permuted
                  order_seed: 24
                  groups:
                    rule: ranges
                    boundaries: [3, 7]
                  augment:
                    mean: [0.25]
                    std: [0.125]
                model:
                  arch: resnet20
                  head: cosine
                  cosine_scale: 16
                stages:
                  stage1:
                    method: ce
                    epochs: 3
                    lr: 0.00015
                    weight_decay: 1.0e-10
                    schedule:
                      milestones: [1, 2]
                    loss: {type: focal, gamma: 2.0, weights: {type: drw, beta: 0.999}}
                  stage2:
                    method: dr
                    epochs: 2
                    transform: {type: h2t, p: 0.25}
                    nesterov: true
                runtime:
                  threads: 1
                  prefetch: 0
                """);
        RunConfig c = ConfigLoader.load(file, List.of());
        String yaml = ConfigLoader.toYaml(c);
        Path saved = write("saved/config.yaml", yaml);
        RunConfig back = ConfigLoader.loadResolved(saved);
        assertEquals(yaml, ConfigLoader.toYaml(back));
        assertEquals(0.00015, back.stages.get("stage1").lr);
        assertEquals(1.0e-10, back.stages.get("stage1").weightDecay);
        assertEquals("/data/fashion mnist: odd/path", back.data.root);
        assertEquals(Map.of("type", "focal", "gamma", 2.0, "weights", Map.of("type", "drw", "beta", 0.999)),
                back.stages.get("stage1").loss);
        assertEquals(List.of("stage1", "stage2"), List.copyOf(back.stages.keySet()), "stages keep their order");
    }

    @Test
    void savedYamlKeepsStringsThatLookLikeOtherTypes() throws IOException {
        for (String name : List.of("null", "true", "no", "123", "0.5", "1e5", "~", "", "a: b", "#x", "- x")) {
            RunConfig c = new RunConfig();
            c.name = name;
            c.data.root = name;
            Path saved = write("saved-" + Integer.toHexString(name.hashCode()) + ".yaml", ConfigLoader.toYaml(c));
            RunConfig back = ConfigLoader.loadResolved(saved);
            assertEquals(name, back.name, () -> "name '" + name + "' did not survive:\n" + ConfigLoader.toYaml(c));
            assertEquals(name, back.data.root, () -> "root '" + name + "' did not survive");
        }
    }

    @Test
    void savedDefaultsLoadBackEqual() throws IOException {
        String yaml = ConfigLoader.toYaml(new RunConfig());
        Path saved = write("config.yaml", yaml);
        assertEquals(yaml, ConfigLoader.toYaml(ConfigLoader.loadResolved(saved)));
        assertNotEquals(-1, yaml.indexOf("imbalance_ratio"), "keys are written snake_case");
    }
}
