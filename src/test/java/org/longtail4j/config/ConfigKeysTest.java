package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.testing.CliRun;

/**
 * {@code longtail config --keys}: the keys are exactly those the loader accepts, with their defaults and
 * a meaning for every one.
 */
class ConfigKeysTest {

    @Test
    void theListedKeysAreExactlyTheLeavesOfTheDefaultConfig() {
        List<String> leaves = new ArrayList<>();
        RunConfig withAStage = new RunConfig();
        withAStage.stages.put("NAME", new StageConfig());
        leaves(ConfigLoader.yaml().valueToTree(withAStage), "", leaves);
        assertEquals(leaves, ConfigKeys.all().stream().map(ConfigKeys.Key::name).toList());
    }

    @Test
    void everyKeyTakesItsListedDefaultThroughSet() {
        // A stage needs a method and epochs to be valid, so stage keys are set on a stage that has them.
        String stage = "stages.NAME={method: ce, epochs: 1}";
        String defaults = ConfigLoader.toYaml(ConfigLoader.load(null, List.of(stage)));
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            if (key.name().equals("stages.NAME.method") || key.name().equals("stages.NAME.epochs")) {
                continue;
            }
            RunConfig loaded = ConfigLoader.load(null, List.of(stage, key.name() + "=" + key.defaultValue()));
            assertEquals(defaults, ConfigLoader.toYaml(loaded), key::toString);
        }
    }

    @Test
    void typesAreNamedInWords() {
        Map<String, String> expected = Map.of("stages.NAME.lr", "number", "stages.NAME.epochs", "whole number",
                "data.root", "text", "data.download", "true/false", "data.groups.boundaries", "list of whole numbers",
                "stages.NAME.edits", "mapping (edit: settings)", "stages.NAME.lr_factors", "mapping of numbers",
                "stages.NAME.loss", "part (NAME or {type: NAME, ...})");
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            if (expected.containsKey(key.name())) {
                assertEquals(expected.get(key.name()), key.type(), key::toString);
            }
        }
    }

    @Test
    void everyKeySaysWhatItMeans() {
        // A key added without @Meaning fails here, so the list users read cannot fall behind the classes.
        List<String> without = ConfigKeys.all().stream().filter(k -> k.meaning().isBlank()).map(ConfigKeys.Key::name)
                .toList();
        assertEquals(List.of(), without, "config keys whose field has no @Meaning");
        Map<String, String> expected = Map.of("stages.NAME.lr", "Peak learning rate.",
                "data.cifar_test_images", "Images in the CIFAR test batch, 10,000 as published; see"
                        + " data.cifar_train_images.");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), ConfigKeys.all().stream().filter(k -> k.name().equals(e.getKey())).findFirst()
                    .orElseThrow().meaning());
        }
    }

    @Test
    void theCommandPrintsOneLinePerKey() {
        CliRun run = CliRun.of("config", "--keys");
        assertEquals(0, run.exit(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(ConfigKeys.all().size() + 1, lines.size(), run::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("stages\\.NAME\\.lr +number +0\\.1 +Peak learning rate\\.")),
                run::toString);
        assertTrue(lines.get(0).matches("key +type +default +meaning"), run::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("stages\\.NAME\\.transform +part .*Feature transform.*")),
                run::toString);
    }

    private static void leaves(JsonNode node, String prefix, List<String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix + f.getKey();
            if (f.getValue().isObject() && f.getValue().size() > 0) {
                leaves(f.getValue(), name + ".", out);
            } else {
                out.add(name);
            }
        }
    }
}
