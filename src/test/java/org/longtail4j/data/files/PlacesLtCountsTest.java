package org.longtail4j.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassGroups;

/**
 * Group sizes on Places-LT's real training counts (fixtures/places_lt_counts, computed by counts.py from
 * the public list): the spec's 131 / 163 / 71 under cb and 132 / 156 / 77 under oltr, and the frequency
 * relabelling's head.
 */
class PlacesLtCountsTest {

    @Test
    void thresholdRulesAndFrequencyOrderOnPlacesLt() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/places_lt_counts/places_lt_train_counts.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        int[] counts = new int[fixture.get("counts").size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = fixture.get("counts").get(i).asInt();
        }
        assertEquals(365, counts.length);
        assertEquals(62500, java.util.Arrays.stream(counts).sum());
        ClassGroups cb = ClassGroups.cb(counts);
        assertEquals(131, cb.many().size());
        assertEquals(163, cb.medium().size());
        assertEquals(71, cb.few().size());
        ClassGroups oltr = ClassGroups.oltr(counts);
        assertEquals(132, oltr.many().size());
        assertEquals(156, oltr.medium().size());
        assertEquals(77, oltr.few().size());
        LabelMap map = LabelMap.byFrequency(counts);
        assertEquals(7, map.originalLabel(0), "label 7 has the most images (4980)");
        assertEquals(4980, counts[map.originalLabel(0)]);
        assertEquals(5, counts[map.originalLabel(364)]);
        for (int rank = 1; rank < 365; rank++) {
            int a = counts[map.originalLabel(rank - 1)];
            int b = counts[map.originalLabel(rank)];
            assertEquals(true, a > b || a == b && map.originalLabel(rank - 1) < map.originalLabel(rank),
                    "rank " + rank + ": counts descending, ties by original label");
        }
    }
}
