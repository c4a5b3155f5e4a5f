package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageOrderTest {

    @Test
    void theRunsOwnListWins() {
        assertEquals(List.of("retrain", "pretrain", "extra"),
                StageOrder.order(List.of("extra", "pretrain", "retrain"), List.of("retrain", "pretrain"),
                        "pretrain:\n  x: 1\nretrain:\n  x: 2\n"));
    }

    @Test
    void elseTheOrderOfFirstMentionInTheConfig() {
        String config = "name: demo\nstage10:\n  epochs: 1\nstage2:\n  epochs: 3\nstage1:\n  epochs: 2\n";
        // "stage1" occurs inside "stage10" first: only a whole-word mention counts.
        assertEquals(List.of("stage10", "stage2", "stage1", "zeta"),
                StageOrder.order(List.of("stage1", "stage2", "stage10", "zeta"), null, config));
    }

    @Test
    void elseAlphabetical() {
        assertEquals(List.of("a", "b", "c"), StageOrder.order(List.of("c", "a", "b"), null, null));
    }
}
