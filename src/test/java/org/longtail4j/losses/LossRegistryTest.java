package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;
import org.longtail4j.parts.PartRegistry;

/**
 * Every registered loss and class weighting binds from its name alone (all defaults) and builds, rejects
 * an unknown setting with the full key named, and round-trips: binding the resolved settings gives the
 * same resolved settings.
 */
class LossRegistryTest {

    private static final String KEY = "stages.stage1.loss";
    /** CIFAR-100-LT at IR 100: every default fits it (ResLT's groups need 65 classes). */
    private static final int[] COUNTS = cifar100();

    private static int[] cifar100() {
        int[] counts = new int[100];
        for (int c = 0; c < 100; c++) {
            counts[c] = (int) Math.floor(500 * Math.pow(100, -c / 99.0));
        }
        return counts;
    }

    @Test
    void everyLossIsRegistered() {
        List<String> names = LossRegistry.LOSSES.entries().stream().map(PartRegistry.Entry::name).toList();
        assertEquals(List.of("ce", "focal", "sigmoid-focal", "ldam", "balanced-softmax", "logit-adjusted",
                "label-aware-smoothing", "gcl", "ride", "ride-router", "reslt", "bbn"), names);
        for (PartRegistry.Entry<Loss> e : LossRegistry.LOSSES.entries()) {
            assertFalse(e.summary().isBlank(), e.name());
            assertFalse(e.paper().isBlank(), e.name());
        }
    }

    @Test
    void everyPartBindsItsDefaultsAndBuilds() {
        for (PartRegistry<?> registry : List.of(LossRegistry.LOSSES, ClassWeightingRegistry.WEIGHTINGS)) {
            for (PartRegistry.Entry<?> e : registry.entries()) {
                PartRegistry.Bound<?> byName = registry.bind(KEY, e.name());
                PartRegistry.Bound<?> byMap = registry.bind(KEY, Map.of("type", e.name()));
                assertEquals(byName.resolved(), byMap.resolved(), e.name());
                assertNotNull(byName.create(LossFixtures.context(KEY, COUNTS)), e.name());
            }
        }
    }

    @Test
    void resolvedSettingsRoundTrip() {
        for (PartRegistry<?> registry : List.of(LossRegistry.LOSSES, ClassWeightingRegistry.WEIGHTINGS)) {
            for (PartRegistry.Entry<?> e : registry.entries()) {
                Map<String, Object> resolved = registry.bind(KEY, e.name()).resolved();
                assertEquals(e.name(), resolved.get("type"));
                assertEquals(resolved, registry.bind(KEY, resolved).resolved(), e.name());
            }
        }
    }

    /** As the run's config.yaml records them and a later run reads them back. */
    @Test
    void resolvedSettingsRoundTripThroughYaml() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Object> specs = List.of(Map.of("type", "ldam", "weights", Map.of("type", "drw", "start_epoch", 3)),
                Map.of("type", "label-aware-smoothing", "shape", "power", "power", 2.0, "form", "paper"),
                Map.of("type", "sigmoid-focal", "gamma", 2, "weights", "cb"), "gcl", "reslt", "ride");
        for (Object spec : specs) {
            Map<String, Object> resolved = LossRegistry.LOSSES.bind(KEY, spec).resolved();
            String text = yaml.writeValueAsString(resolved);
            @SuppressWarnings("unchecked")
            Map<String, Object> read = yaml.readValue(text, Map.class);
            assertEquals(resolved, LossRegistry.LOSSES.bind(KEY, read).resolved(), text);
        }
    }

    @Test
    void resolvedSettingsNameEveryDefault() {
        Map<String, Object> ldam = LossRegistry.LOSSES.bind(KEY, Map.of("type", "ldam", "weights", "drw")).resolved();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "ldam");
        expected.put("max_m", 0.5);
        expected.put("s", 30.0);
        expected.put("weights", Map.of("type", "drw", "beta", 0.9999, "start_epoch", 160));
        assertEquals(expected, ldam);
        Map<String, Object> las = LossRegistry.LOSSES.bind(KEY, "label-aware-smoothing").resolved();
        assertEquals("concave", las.get("shape"));
        assertEquals("code", las.get("form"));
        assertTrue(las.containsKey("power") && las.get("power") == null, las.toString());
    }

    @Test
    void anUnknownSettingIsRejectedWithItsKey() {
        for (PartRegistry<?> registry : List.of(LossRegistry.LOSSES, ClassWeightingRegistry.WEIGHTINGS)) {
            for (PartRegistry.Entry<?> e : registry.entries()) {
                BadInputException error = assertThrows(BadInputException.class,
                        () -> registry.bind(KEY, Map.of("type", e.name(), "mixup_alpha", 1.0)));
                assertTrue(error.getMessage().contains("'" + KEY + ".mixup_alpha'"), error.getMessage());
            }
        }
    }

    @Test
    void anUnknownSettingOfTheWeightsIsRejectedWithItsFullKey() {
        BadInputException error = assertThrows(BadInputException.class, () -> LossRegistry.LOSSES.bind(KEY,
                Map.of("type", "ce", "weights", Map.of("type", "cb", "start_epoch", 160))));
        assertTrue(error.getMessage().contains("'" + KEY + ".weights.start_epoch'"), error.getMessage());
        BadInputException unknownType = assertThrows(BadInputException.class,
                () -> LossRegistry.LOSSES.bind(KEY, Map.of("type", "focal", "weights", "effective")));
        assertTrue(unknownType.getMessage().contains("'" + KEY + ".weights'"), unknownType.getMessage());
        assertTrue(unknownType.getMessage().contains("none, cb, drw"), unknownType.getMessage());
    }

    @Test
    void badValuesNameTheirKey() {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put(".gamma", Map.of("type", "focal", "gamma", -1.0));
        bad.put(".max_m", Map.of("type", "ldam", "max_m", -0.5));
        bad.put(".s", Map.of("type", "gcl", "s", 0.0));
        bad.put(".tau", Map.of("type", "logit-adjusted", "tau", -1.0));
        bad.put(".eps_head", Map.of("type", "label-aware-smoothing", "eps_head", 1.5));
        bad.put(".power", Map.of("type", "label-aware-smoothing", "power", 2.0));
        bad.put(".weights.beta", Map.of("type", "ce", "weights", Map.of("type", "cb", "beta", 1.0)));
        bad.put(".weights.start_epoch", Map.of("type", "ce", "weights", Map.of("type", "drw", "start_epoch", -1)));
        bad.put(".shape", Map.of("type", "label-aware-smoothing", "shape", "round"));
        for (Map.Entry<String, Map<String, Object>> b : bad.entrySet()) {
            BadInputException error = assertThrows(BadInputException.class,
                    () -> LossRegistry.LOSSES.bind(KEY, b.getValue()).create(LossFixtures.context(KEY, COUNTS)), b.getKey());
            assertTrue(error.getMessage().contains("'" + KEY + b.getKey() + "'"), error.getMessage());
        }
        Map<String, Object> nullWeights = new LinkedHashMap<>();
        nullWeights.put("type", "ce");
        nullWeights.put("weights", null);
        BadInputException error = assertThrows(BadInputException.class,
                () -> LossRegistry.LOSSES.bind(KEY, nullWeights).create(LossFixtures.context(KEY, COUNTS)));
        assertTrue(error.getMessage().contains("'" + KEY + ".weights'"), error.getMessage());
    }
}
