package org.longtail4j.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;
import org.longtail4j.util.Shuffle;

class CutMixTest {

    private static final long[] LABELS = {0, 1, 2, 2, 1};

    /** Every pixel is the sample's own outside the box and its partner's inside; lambda' is the kept area. */
    @Test
    void pastesThePartnersBoxAndCorrectsLambda() {
        for (long seed = 0; seed < 10; seed++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray images = MixingFixtures.images(manager, 5, 2, 8, 6, 0);
                MixedBatch mixed = cutmix(1.0, 1.0).mix(images, manager.create(LABELS), List.of(),
                        MixingFixtures.step(0, 1, seed));

                SplittableRandom replay = new SplittableRandom(seed);
                replay.nextDouble();
                double lambda = BetaDistribution.sample(replay, 1, 1);
                int[] perm = Shuffle.permutation(5, replay);
                CutBox box = CutBox.draw(lambda, 8, 6, replay);

                float[] in = images.toFloatArray();
                float[] out = mixed.images().toFloatArray();
                for (int i = 0; i < 5; i++) {
                    for (int ch = 0; ch < 2; ch++) {
                        for (int r = 0; r < 8; r++) {
                            for (int col = 0; col < 6; col++) {
                                boolean inside = r >= box.rowFrom() && r < box.rowTo() && col >= box.colFrom()
                                        && col < box.colTo();
                                int source = inside ? perm[i] : i;
                                int within = (ch * 8 + r) * 6 + col;
                                assertEquals(in[source * 96 + within], out[i * 96 + within], 0,
                                        "seed " + seed + " [" + i + "," + ch + "," + r + "," + col + "]");
                            }
                        }
                    }
                }
                long[] partners = new long[5];
                for (int i = 0; i < 5; i++) {
                    partners[i] = LABELS[perm[i]];
                }
                assertArrayEquals(LABELS, mixed.targets().first().toLongArray());
                assertArrayEquals(partners, mixed.targets().second().toLongArray());
                assertEquals(1 - box.area() / 48.0, mixed.targets().lambda(), 1e-15);
            }
        }
    }

    @Test
    void probabilityDecidesPerBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = MixingFixtures.images(manager, 5, 1, 4, 4, 0);
            NDArray labels = manager.create(LABELS);
            MixedBatch never = cutmix(1.0, 0.0).mix(images, labels, List.of(), MixingFixtures.step(0, 1, 1));
            assertSame(images, never.images());
            assertTrue(never.targets().plain());
            int mixed = 0;
            int steps = 2000;
            for (long seed = 0; seed < steps; seed++) {
                SplittableRandom replay = new SplittableRandom(seed);
                boolean expected = replay.nextDouble() < 0.3;
                MixedBatch batch = cutmix(1.0, 0.3).mix(images, labels, List.of(), MixingFixtures.step(0, 1, seed));
                assertEquals(expected, batch.images() != images, "seed " + seed);
                mixed += expected ? 1 : 0;
            }
            // binomial(2000, 0.3): sd 20.5, so 600 +- 82 is 4 sd
            assertTrue(Math.abs(mixed - 600) < 82, mixed + " of 2000");
        }
    }

    @Test
    void registeredWithItsSettings() {
        var bound = MixingRegistry.MIXINGS.bind("stages.stage1.mixing", "cutmix");
        assertEquals(Map.of("type", "cutmix", "alpha", 1.0, "probability", 1.0), bound.resolved());
        BadInputException bad = assertThrows(BadInputException.class, () -> MixingRegistry.MIXINGS
                .bind("stages.stage1.mixing", Map.of("type", "cutmix", "probability", 1.5))
                .create(MixingFixtures.part(1)));
        assertEquals("config key 'stages.stage1.mixing.probability' is 1.5, expected a value in [0, 1]",
                bad.getMessage());
        assertThrows(BadInputException.class, () -> MixingRegistry.MIXINGS
                .bind("stages.stage1.mixing", Map.of("type", "cutmix", "alpha", 0.0)).create(MixingFixtures.part(1)));
    }

    private static CutMix cutmix(double alpha, double probability) {
        CutMix.Settings settings = new CutMix.Settings();
        settings.alpha = alpha;
        settings.probability = probability;
        return new CutMix(settings, MixingFixtures.part(1));
    }
}
