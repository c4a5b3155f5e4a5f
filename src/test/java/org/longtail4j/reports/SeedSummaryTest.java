package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSummaryTest {

    private static Map<String, Map<String, Object>> results(double top1, Double few) {
        Map<String, Object> row = new HashMap<>();
        row.put("top1", top1);
        row.put("many", 90.0);
        row.put("medium", 80.0);
        row.put("few", few);
        row.put("ece", 5.0);
        return Map.of("dr", row);
    }

    @Test
    void meanAndSampleStandardDeviationPerRowAndMetric() {
        SeedSummary summary = new SeedSummary(List.of("dr"));
        summary.add(0, results(70, 50.0));
        summary.add(1, results(72, 54.0));
        summary.add(2, results(74, 58.0));
        // top-1 70, 72, 74: mean 72, sample variance (4 + 0 + 4) / 2 = 4, std 2.
        assertEquals(72, SeedSummary.mean(summary.values("dr", "top1")), 1e-12);
        assertEquals(2, SeedSummary.std(summary.values("dr", "top1")), 1e-12);
        assertEquals(4, SeedSummary.std(summary.values("dr", "few")), 1e-12);
        assertEquals(0, SeedSummary.std(summary.values("dr", "many")), 1e-12);
        String table = summary.render(Map.of("dr", "DR"));
        assertTrue(table.contains(" 72.00 ± 2.00"), table);
        assertTrue(table.contains("3 seeds [0, 1, 2]"), table);
    }

    @Test
    void oneSeedHasZeroSpreadAndMissingGroupIsNaN() {
        SeedSummary summary = new SeedSummary(List.of("dr"));
        summary.add(5, results(70, null));
        assertEquals(0, SeedSummary.std(summary.values("dr", "top1")));
        assertTrue(Double.isNaN(SeedSummary.mean(summary.values("dr", "few"))));
    }
}
