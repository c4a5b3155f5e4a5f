package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

/**
 * {@code model.router} went when RIDE's router became a stage of the recipe (method ride-router): a config
 * that sets it gets one line saying where it went, whatever the value (a setting nothing reads is an error),
 * while a run folder saved before, whose config.yaml holds the only value it could have (false), still loads
 * and reads back as the same run.
 */
class RetiredRouterKeyTest {

    private static final String WHERE = "; RIDE's router is now a stage of its own: add stages.router: {method: "
            + "ride-router, ...} after RIDE's stage (configs/cifar100-lt/ir100-ride-router.yaml), see docs/configs.md";

    @TempDir
    Path dir;

    @Test
    void aConfigThatSetsTheRouterIsToldWhereItWent() throws IOException {
        for (String value : List.of("true", "false")) {
            Path file = dir.resolve("run-" + value + ".yaml");
            Files.writeString(file, "model: {arch: ride-resnet32, head: cosine, router: " + value + "}\n");
            BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(file, List.of()));
            assertEquals(file + ": unknown config key 'model.router'" + WHERE, e.getMessage());
        }
        BadInputException e = assertThrows(BadInputException.class,
                () -> ConfigLoader.load(null, List.of("model.router=true")));
        assertTrue(e.getMessage().contains("unknown config key 'model.router'"), e.getMessage());
    }

    @Test
    void aRunSavedWithTheOldDefaultStillLoads() throws IOException {
        RunConfig config = ConfigLoader.load(null, List.of("name=old-run"));
        String saved = ConfigLoader.toYaml(config);
        Path file = dir.resolve("config.yaml");
        // the saved form had the key among the model's settings
        Files.writeString(file, saved.replace("  channels_last: true\n", "  channels_last: true\n  router: false\n"));
        assertTrue(Files.readString(file).contains("router: false"));
        RunConfig loaded = ConfigLoader.loadResolved(file);
        assertEquals(saved, ConfigLoader.toYaml(loaded), "reads back as the same run");
        assertFalse(ConfigLoader.toYaml(loaded).contains("router"));
    }

    @Test
    void aSavedRunThatClaimsARouterIsRefused() throws IOException {
        String saved = ConfigLoader.toYaml(ConfigLoader.load(null, List.of()));
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, saved.replace("  channels_last: true\n", "  channels_last: true\n  router: true\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.loadResolved(file));
        assertEquals(file + ": unknown config key 'model.router'" + WHERE, e.getMessage());
    }
}
