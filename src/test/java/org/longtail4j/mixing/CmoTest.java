package org.longtail4j.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.data.sampling.SamplerContext;
import org.longtail4j.data.sampling.SamplerRegistry;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

class CmoTest {

    private static final long[] BACKGROUND_LABELS = {0, 0, 1, 0};
    private static final long[] FOREGROUND_LABELS = {2, 1, 2, 2, 0, 1};

    /** 0-based epochs start < e < E - end: 4..196 of 200 with start = end = 3 (methods-single.md 7, 9). */
    @Test
    void activeWindow() {
        Cmo cmo = cmo(0.5);
        int[] active = IntStream.range(0, 200).filter(e -> cmo.active(e, 200)).toArray();
        assertEquals(4, active[0]);
        assertEquals(196, active[active.length - 1]);
        assertEquals(193, active.length);
        assertArrayEquals(new int[] {4, 5, 6}, IntStream.range(0, 10).filter(e -> cmo.active(e, 10)).toArray());
        assertEquals(0, IntStream.range(0, 7).filter(e -> cmo.active(e, 7)).count());
    }

    /** The spec's worked example: lambda' 0.707031, CE + CMO loss 1.12022 for z = [2, 0.5, -1], labels 0 and 2. */
    @Test
    void workedExampleLoss() {
        double kept = CutBox.around(0.6, 32, 32, 5, 20).keptFraction();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[][] {{2.0f, 0.5f, -1.0f}});
            var targets = new org.longtail4j.losses.Targets(manager.create(new long[] {0}),
                    manager.create(new long[] {2}), kept);
            float loss = MixingFixtures.crossEntropy(logits, targets).getFloat();
            assertEquals(1.12022, loss, 5e-6);
        }
    }

    /**
     * Inside the window, r < p pastes foreground sample i (of the batch truncated to the background's size)
     * into background sample i inside one box; the targets are (background, foreground, lambda').
     */
    @Test
    void pastesTheForegroundStreamsBatch() {
        int pasted = 0;
        for (long seed = 0; seed < 12; seed++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray background = MixingFixtures.images(manager, 4, 3, 8, 8, 0);
                NDArray foreground = MixingFixtures.images(manager, 6, 3, 8, 8, 100_000);
                NDArray labels = manager.create(BACKGROUND_LABELS);
                List<LabelledImages> extra =
                        List.of(new LabelledImages(foreground, manager.create(FOREGROUND_LABELS)));
                MixedBatch mixed = cmo(0.5).mix(background, labels, extra, MixingFixtures.step(10, 200, seed));

                SplittableRandom replay = new SplittableRandom(seed);
                if (!(replay.nextDouble() < 0.5)) {
                    assertSame(background, mixed.images());
                    assertTrue(mixed.targets().plain());
                    continue;
                }
                pasted++;
                double lambda = BetaDistribution.sample(replay, 1, 1);
                CutBox box = CutBox.draw(lambda, 8, 8, replay);
                float[] bg = background.toFloatArray();
                float[] fg = foreground.toFloatArray();
                float[] out = mixed.images().toFloatArray();
                assertEquals(bg.length, out.length);
                for (int k = 0; k < out.length; k++) {
                    int r = k / 8 % 8;
                    int col = k % 8;
                    boolean inside = r >= box.rowFrom() && r < box.rowTo() && col >= box.colFrom() && col < box.colTo();
                    assertEquals(inside ? fg[k] : bg[k], out[k], 0, "seed " + seed + " element " + k);
                }
                assertArrayEquals(BACKGROUND_LABELS, mixed.targets().first().toLongArray());
                assertArrayEquals(new long[] {2, 1, 2, 2}, mixed.targets().second().toLongArray());
                assertEquals(box.keptFraction(), mixed.targets().lambda(), 1e-15);
            }
        }
        assertTrue(pasted > 0 && pasted < 12, pasted + " of 12 pasted");
    }

    @Test
    void outsideTheWindowNothingIsDrawnOrPasted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray background = MixingFixtures.images(manager, 4, 1, 4, 4, 0);
            NDArray labels = manager.create(BACKGROUND_LABELS);
            List<LabelledImages> extra = List.of(new LabelledImages(MixingFixtures.images(manager, 4, 1, 4, 4, 9),
                    manager.create(new long[] {2, 2, 2, 2})));
            for (int epoch : new int[] {0, 3, 197, 199}) {
                MixingContext step = MixingFixtures.step(epoch, 200, 8);
                MixedBatch mixed = cmo(1.0).mix(background, labels, extra, step);
                assertSame(background, mixed.images());
                assertTrue(mixed.targets().plain());
                assertEquals(new SplittableRandom(8).nextLong(), step.random().nextLong(), "epoch " + epoch);
            }
            assertNotSame(background, cmo(1.0).mix(background, labels, extra, MixingFixtures.step(4, 200, 8)).images(),
                    "epoch 4 is the first active one");
            assertNotSame(background,
                    cmo(1.0).mix(background, labels, extra, MixingFixtures.step(196, 200, 8)).images(),
                    "epoch 196 is the last active one");
            assertThrows(IllegalArgumentException.class,
                    () -> cmo(1.0).mix(background, labels, List.of(), MixingFixtures.step(50, 200, 8)));
            List<LabelledImages> short_ = List.of(new LabelledImages(MixingFixtures.images(manager, 3, 1, 4, 4, 9),
                    manager.create(new long[] {2, 2, 2})));
            assertThrows(IllegalArgumentException.class,
                    () -> cmo(1.0).mix(background, labels, short_, MixingFixtures.step(50, 200, 8)));
        }
    }

    /** The extra stream it declares binds to the minority-weighted sampler with weighted_alpha. */
    @Test
    void declaresAMinorityWeightedForegroundStream() {
        Object spec = cmo(0.5).extraStreams().get(0);
        assertEquals(Map.of("type", "minority-weighted", "alpha", 1.0), spec);
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 2};
        PartContext part = new PartContext("stages.stage1.mixing.foreground", ClassStatistics.of(6, 2, 1),
                new RandomStreams(1, "stage1"), 200);
        int[] positions = SamplerRegistry.create(spec, new SamplerContext(part, labels, "foreground", 4)).epoch(0);
        assertEquals(9, positions.length);
        var bound = MixingRegistry.MIXINGS.bind("stages.stage1.mixing", Map.of("type", "cmo", "weighted_alpha", 0.5));
        assertEquals(Map.of("type", "cmo", "probability", 0.5, "beta", 1.0, "start", 3, "end", 3,
                "weighted_alpha", 0.5), bound.resolved());
        assertEquals(Map.of("type", "minority-weighted", "alpha", 0.5),
                bound.create(MixingFixtures.part(200)).extraStreams().get(0));
    }

    private static Cmo cmo(double probability) {
        Cmo.Settings settings = new Cmo.Settings();
        settings.probability = probability;
        return new Cmo(settings, MixingFixtures.part(200));
    }
}
