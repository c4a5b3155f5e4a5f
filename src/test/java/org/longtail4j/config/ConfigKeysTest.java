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

/** {@code longtail config --keys}: the keys are exactly those the loader accepts, with their defaults. */
class ConfigKeysTest {

    @Test
    void theListedKeysAreExactlyTheLeavesOfTheDefaultConfig() {
        List<String> leaves = new ArrayList<>();
        leaves(ConfigLoader.yaml().valueToTree(new RunConfig()), "", leaves);
        assertEquals(leaves, ConfigKeys.all().stream().map(ConfigKeys.Key::name).toList());
    }

    @Test
    void everyKeyTakesItsListedDefaultThroughSet() {
        String defaults = ConfigLoader.toYaml(new RunConfig());
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            RunConfig loaded = ConfigLoader.load(null, List.of(key.name() + "=" + key.defaultValue()));
            assertEquals(defaults, ConfigLoader.toYaml(loaded), key::toString);
        }
    }

    @Test
    void typesAreNamedInWords() {
        Map<String, String> expected = Map.of("stage1.lr", "number", "stage1.epochs", "whole number",
                "data.root", "text", "data.download", "true/false", "data.groups.boundaries", "list of whole numbers",
                "stage1.params", "mapping (checked by the method)");
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            if (expected.containsKey(key.name())) {
                assertEquals(expected.get(key.name()), key.type(), key::toString);
            }
        }
    }

    @Test
    void theCommandPrintsOneLinePerKey() {
        CliRun run = CliRun.of("config", "--keys");
        assertEquals(0, run.exit(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(ConfigKeys.all().size() + 1, lines.size(), run::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("stage1\\.lr +number +0\\.1")), run::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("stage2\\.h2t\\.p +number +0\\.0")), run::toString);
    }

    private static void leaves(JsonNode node, String prefix, List<String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix + f.getKey();
            if (f.getValue().isObject() && !f.getKey().equals("params")) {
                leaves(f.getValue(), name + ".", out);
            } else {
                out.add(name);
            }
        }
    }
}
