package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SweepPlotTest {

    @Test
    void fusionRatioIsNamedUnderAnyStage() {
        assertEquals("fusion ratio p (stages.stage2.transform.p)", SweepPlot.axisLabel("stages.stage2.transform.p"));
        assertEquals("fusion ratio p (stages.h2t.transform.p)", SweepPlot.axisLabel("stages.h2t.transform.p"));
        assertEquals("stages.stage2.lr", SweepPlot.axisLabel("stages.stage2.lr"));
    }
}
