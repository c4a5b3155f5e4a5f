package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.longtail4j.BadInputException;

class LongTailProfileTest {

    /** Totals from data.md (the reference code's CIFAR-100-LT sizes). */
    @ParameterizedTest
    @CsvSource({"200, 9502", "100, 10847", "50, 12608", "10, 19573"})
    void cifar100TotalsMatchTheReference(double ratio, int total) {
        int[] counts = LongTailProfile.exponential(ratio).countsByRank(500, 100);
        assertEquals(total, Arrays.stream(counts).sum());
    }

    @Test
    void exponentialEndsAtNmaxAndNmaxOverRatio() {
        int[] counts = LongTailProfile.exponential(100).countsByRank(500, 100);
        assertEquals(500, counts[0]);
        // 500 * 100^(-1/99) = 477.21...
        assertEquals(477, counts[1]);
        assertEquals(5, counts[99]);
        for (int r = 1; r < counts.length; r++) {
            assertTrue(counts[r] <= counts[r - 1], "rank " + r);
        }
    }

    @Test
    void ratioOneKeepsEverything() {
        int[] counts = LongTailProfile.exponential(1).countsByRank(500, 100);
        assertTrue(Arrays.stream(counts).allMatch(c -> c == 500));
    }

    @Test
    void stepKeepsHalfTheClassesWhole() {
        assertArrayEquals(new int[] {5000, 5000, 5000, 5000, 5000, 500, 500, 500, 500, 500},
                LongTailProfile.step(10).countsByRank(5000, 10));
        // odd C: floor(5 / 2) = 2 head ranks; 100 / 3 = 33.3 -> 33
        assertArrayEquals(new int[] {100, 100, 33, 33, 33}, LongTailProfile.step(3).countsByRank(100, 5));
    }

    @Test
    void singleClassKeepsNmax() {
        assertArrayEquals(new int[] {7}, LongTailProfile.exponential(5).countsByRank(7, 1));
    }

    @ParameterizedTest
    @CsvSource({"0.5", "0", "-3", "NaN", "Infinity"})
    void ratioBelowOneIsRejected(double ratio) {
        BadInputException e = assertThrows(BadInputException.class, () -> LongTailProfile.exponential(ratio));
        assertTrue(e.getMessage().contains("imbalance ratio " + ratio), e.getMessage());
        assertThrows(BadInputException.class, () -> LongTailProfile.step(ratio));
    }

    @Test
    void ratioAboveNmaxWouldEmptyAClass() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> LongTailProfile.exponential(1000).countsByRank(500, 100));
        assertTrue(e.getMessage().contains("<= 500"), e.getMessage());
        assertEquals(1, LongTailProfile.exponential(500).countsByRank(500, 100)[99]);
    }

    @Test
    void descriptionNamesShapeAndRatio() {
        assertEquals("exponential, IR 100", LongTailProfile.exponential(100).description());
        assertEquals("step, IR 13.5", LongTailProfile.step(13.5).description());
    }

    /** Every case of fixtures/longtail_counts.json, written by longtail_counts.py with numpy. */
    @Test
    void countsMatchNumpy() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/longtail_counts.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            double ratio = c.get("ir").asDouble();
            LongTailProfile profile = c.get("profile").asText().equals("step")
                    ? LongTailProfile.step(ratio)
                    : LongTailProfile.exponential(ratio);
            int[] expected = new ObjectMapper().convertValue(c.get("counts"), int[].class);
            int[] actual = profile.countsByRank(c.get("n_max").asInt(), c.get("classes").asInt());
            assertArrayEquals(expected, actual, profile + ", n_max " + c.get("n_max") + ", C " + c.get("classes"));
            assertEquals(c.get("total").asInt(), Arrays.stream(actual).sum());
            checked++;
        }
        assertEquals(56, checked);
    }
}
