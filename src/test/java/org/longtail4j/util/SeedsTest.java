package org.longtail4j.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Streams keyed by (seed, position): equal keys replay, any other key gives an unrelated stream. */
class SeedsTest {

    private static long[] draws(SplittableRandom random, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextLong();
        }
        return out;
    }

    private static long[] stream(long seed, long... keys) {
        return draws(Seeds.stream(seed, keys), 64);
    }

    @Test
    void theSameKeysGiveTheSameStream() {
        assertArrayEquals(stream(7, 1, 2, 3), stream(7, 1, 2, 3));
        assertArrayEquals(stream(0), stream(0));
        assertArrayEquals(stream(-5, Long.MAX_VALUE), stream(-5, Long.MAX_VALUE));
        // a fresh generator each call: drawing from one does not advance the next
        SplittableRandom first = Seeds.stream(3, 9);
        first.nextLong();
        assertEquals(stream(3, 9)[0], Seeds.stream(3, 9).nextLong());
    }

    @Test
    void everyDifferenceInTheKeysGivesADifferentStream() {
        List<long[]> streams = List.of(
                stream(7),
                stream(8),
                stream(7, 0),
                stream(7, 1),
                stream(7, 2),
                stream(8, 1),
                stream(7, 1, 0),
                stream(7, 0, 1),
                stream(7, 1, 2),
                stream(7, 2, 1),
                stream(7, 1, 2, 3),
                stream(0, 7),
                stream(1, 0),
                stream(0, 1),
                stream(7, 0x3E7, 0, 0),
                stream(7, 0xA06, 0, 0, 0));
        for (int i = 0; i < streams.size(); i++) {
            for (int j = i + 1; j < streams.size(); j++) {
                long[] a = streams.get(i);
                long[] b = streams.get(j);
                int same = 0;
                for (int k = 0; k < a.length; k++) {
                    if (a[k] == b[k]) {
                        same++;
                    }
                }
                assertEquals(0, same, "streams " + i + " and " + j + " share draws");
                assertFalse(shifted(a, b) || shifted(b, a), "stream " + j + " is stream " + i + " shifted");
            }
        }
    }

    /** Whether b continues a: the same sequence started a few draws later. */
    private static boolean shifted(long[] a, long[] b) {
        for (int shift = 1; shift < 16; shift++) {
            boolean match = true;
            for (int k = 0; k + shift < a.length && match; k++) {
                match = a[k + shift] == b[k];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    @Test
    void neighbouringPositionsAreNotShiftedCopiesOfEachOther() {
        // the pitfall of seeding SplittableRandom with seed + i: neighbours share their sequence
        for (int epoch = 0; epoch < 5; epoch++) {
            for (int it = 0; it < 5; it++) {
                long[] here = stream(0, 0xA06, epoch, 0, it);
                assertFalse(shifted(here, stream(0, 0xA06, epoch, 0, it + 1)));
                assertFalse(shifted(here, stream(0, 0xA06, epoch + 1, 0, it)));
            }
        }
    }

    @Test
    void manyPositionsGiveDistinctAndUniformFirstDraws() {
        Set<Long> first = new HashSet<>();
        int[] buckets = new int[16];
        int n = 0;
        for (int epoch = 0; epoch < 200; epoch++) {
            for (int it = 0; it < 200; it++) {
                SplittableRandom r = Seeds.stream(123, 0x3E7, epoch, it);
                assertTrue(first.add(r.nextLong()), "two positions share their first draw");
                buckets[r.nextInt(16)]++;
                n++;
            }
        }
        // chi-square with 15 degrees of freedom: 99.9th percentile 37.7
        double expected = n / 16.0;
        double chi2 = 0;
        for (int count : buckets) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chi2 < 37.7, "first draws over 40,000 positions are not uniform: chi-square " + chi2);
    }

    @Test
    void engineSeedKeepsIntSeedsAndFoldsLargerOnes() {
        // int-range seeds are passed as before, so earlier runs keep their model initialisation
        assertEquals(0, Seeds.engineSeed(0));
        assertEquals(7, Seeds.engineSeed(7));
        assertEquals(-3, Seeds.engineSeed(-3));
        assertEquals(Integer.MAX_VALUE, Seeds.engineSeed(Integer.MAX_VALUE));
        // a cast would make all of these 0: the high half must count
        Set<Integer> folded = new HashSet<>();
        for (long high = 1; high <= 64; high++) {
            int engine = Seeds.engineSeed(high << 32);
            folded.add(engine);
            assertTrue(engine < -1000 || engine > 1000, "seed " + (high << 32) + " maps onto the small seed " + engine);
        }
        assertEquals(64, folded.size(), "seeds differing only above bit 31 share an engine seed");
    }
}
