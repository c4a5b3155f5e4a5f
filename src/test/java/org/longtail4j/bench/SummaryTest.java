package org.longtail4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void oddCountTakesTheMiddleValueWhateverTheOrder() {
        Summary s = Summary.of(5, 1, 4, 2, 3);
        assertEquals(5, s.n());
        assertEquals(3, s.median());
        assertEquals(1, s.min());
        assertEquals(5, s.max());
        assertEquals(2, s.q1());
        assertEquals(4, s.q3());
        assertEquals(4.0 / 3.0, s.relativeSpread(), 1e-12);
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        Summary s = Summary.of(10, 40, 20, 30);
        assertEquals(25, s.median());
        // numpy.percentile([10, 20, 30, 40], [25, 75]) = [17.5, 32.5]
        assertEquals(17.5, s.q1(), 1e-12);
        assertEquals(32.5, s.q3(), 1e-12);
        assertEquals(30.0 / 25.0, s.relativeSpread(), 1e-12);
    }

    @Test
    void singleMeasurementHasNoSpread() {
        Summary s = Summary.of(7.5);
        assertEquals(7.5, s.median());
        assertEquals(7.5, s.q1());
        assertEquals(7.5, s.q3());
        assertEquals(0, s.relativeSpread());
    }

    @Test
    void doesNotReorderTheCallersArray() {
        double[] values = {3, 1, 2};
        Summary.of(values);
        assertEquals(3, values[0]);
    }

    @Test
    void zeroMedianGivesNaNSpreadAndEmptyInputIsRefused() {
        assertTrue(Double.isNaN(Summary.of(0, 0, 1).relativeSpread()));
        assertThrows(IllegalArgumentException.class, Summary::of);
    }

    @Test
    void describesMedianRangeAndCount() {
        assertEquals("2.0  (1.0 - 3.0, n=3)", Summary.of(1, 2, 3).describe(1));
    }
}
