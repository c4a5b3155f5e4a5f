package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

/** Binding, building and stream keying of every registered sampler. */
class SamplerRegistryTest {

    private static final int[] LABELS = SamplingFixtures.labels(SamplingFixtures.COUNTS);

    @Test
    void everyRegisteredSamplerBuildsAndStaysInRange() {
        List<String> names = SamplerRegistry.SAMPLERS.entries().stream().map(e -> e.name()).toList();
        assertEquals(List.of("instance", "class-balanced", "balanced-rs", "square-root", "class-aware",
                "class-cycling", "reversed", "minority-weighted", "effective-number"), names);
        for (String name : names) {
            int[] positions = SamplerRegistry.create(name, SamplingFixtures.context(1, "primary")).epoch(0);
            int expected = name.equals("class-aware") ? 12406 / 128 * 128 : 12406;
            assertEquals(expected, positions.length, name);
            assertTrue(Arrays.stream(positions).allMatch(p -> p >= 0 && p < LABELS.length), name);
        }
    }

    @Test
    void streamsAreKeyedByStagePurposeAndSeed() {
        for (String name : List.of("instance", "class-balanced", "square-root", "class-aware", "class-cycling", "reversed",
                "minority-weighted", "effective-number")) {
            int[] a = SamplerRegistry.create(name, SamplingFixtures.context(5, "primary")).epoch(2);
            assertArrayEquals(a, SamplerRegistry.create(name, SamplingFixtures.context(5, "primary")).epoch(2), name);
            assertFalse(Arrays.equals(a, SamplerRegistry.create(name, SamplingFixtures.context(5, "fusing")).epoch(2)),
                    name);
            assertFalse(Arrays.equals(a, SamplerRegistry.create(name, SamplingFixtures.context(6, "primary")).epoch(2)),
                    name);
            assertFalse(Arrays.equals(a, SamplerRegistry.create(name, inStage("stage2")).epoch(2)), name);
        }
    }

    /** GCL's BalancedRS and H2T's class-balanced sampler are one distribution; the registry builds one class. */
    @Test
    void balancedRsIsClassBalanced() {
        assertArrayEquals(SamplerRegistry.create("class-balanced", SamplingFixtures.context(3, "primary")).epoch(1),
                SamplerRegistry.create("balanced-rs", SamplingFixtures.context(3, "primary")).epoch(1));
    }

    @Test
    void settingsBindWithTheirDefaultsAndResolve() {
        var bound = SamplerRegistry.SAMPLERS.bind("stages.crt.sampler", "class-aware");
        assertEquals(Map.of("type", "class-aware", "samples_per_class", 4, "epoch_length", "floor"), bound.resolved());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "class-aware");
        spec.put("epoch_length", "ceil_plus_one");
        assertEquals("ceil_plus_one", SamplerRegistry.SAMPLERS.bind("k", spec).resolved().get("epoch_length"));
        assertEquals(Map.of("type", "minority-weighted", "alpha", 1.0),
                SamplerRegistry.SAMPLERS.bind("k", "minority-weighted").resolved());
        assertEquals(Map.of("type", "effective-number", "beta", 0.9999),
                SamplerRegistry.SAMPLERS.bind("k", "effective-number").resolved());
        assertEquals(Map.of("type", "instance", "drop_last", false), SamplerRegistry.SAMPLERS.bind("k", "instance")
                .resolved());
    }

    @Test
    void badSettingsNameTheirKey() {
        SamplerContext context = SamplingFixtures.context(1, "primary");
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create(Map.of("type", "class-aware", "samples", 4), context));
        assertTrue(unknown.getMessage().contains("'stages.stage1.sampler.samples'"), unknown.getMessage());
        BadInputException rule = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create(Map.of("type", "class-aware", "epoch_length", "ceil"), context));
        assertTrue(rule.getMessage().contains("'stages.stage1.sampler.epoch_length'"), rule.getMessage());
        BadInputException none = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create(Map.of("type", "reversed", "alpha", 1.0), context));
        assertTrue(none.getMessage().contains("'stages.stage1.sampler.alpha'"), none.getMessage());
        BadInputException beta = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create(Map.of("type", "effective-number", "beta", 1.0), context));
        assertEquals("config key 'stages.stage1.sampler.beta' is 1.0, expected a value in [0, 1)", beta.getMessage());
        BadInputException name = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create("balanced", context));
        assertTrue(name.getMessage().startsWith("config key 'stages.stage1.sampler' is balanced, expected a sampler"),
                name.getMessage());
    }

    @Test
    void contextRejectsLabelsThatDisagreeWithTheClassStatistics() {
        PartContext part = new PartContext("k", ClassStatistics.of(2, 1), new RandomStreams(1, "s"), 1);
        assertThrows(IllegalArgumentException.class, () -> new SamplerContext(part, new int[] {0, 1, 1}, "p", 2));
        assertThrows(IllegalArgumentException.class, () -> new SamplerContext(part, new int[] {0, 0, 2}, "p", 2));
        assertThrows(IllegalArgumentException.class, () -> new SamplerContext(part, new int[] {0, 0, 1}, "p", 0));
    }

    @Test
    void instanceWithoutTheShortLastBatch() {
        Map<String, Object> spec = Map.of("type", "instance", "drop_last", true);
        int[] positions = SamplerRegistry.create(spec, SamplingFixtures.context(1, "primary")).epoch(0);
        assertEquals(12406 / 128 * 128, positions.length);
        assertEquals(positions.length, Arrays.stream(positions).distinct().count());
        int[] tiny = {0, 1, 0};
        assertThrows(BadInputException.class,
                () -> SamplerRegistry.create(spec, SamplingFixtures.context(tiny, 2, 1, "p", 4)));
        assertEquals(3,
                SamplerRegistry.create("instance", SamplingFixtures.context(tiny, 2, 1, "p", 4)).epoch(0).length);
    }

    private static SamplerContext inStage(String stage) {
        PartContext part =
                new PartContext("k", ClassStatistics.of(SamplingFixtures.COUNTS), new RandomStreams(5, stage), 10);
        return new SamplerContext(part, LABELS, "primary", 128);
    }
}
