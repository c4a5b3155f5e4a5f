package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassMembersTest {

    @Test
    void positionsInIncreasingOrderAndEmptyClassesKept() {
        int[][] members = ClassMembers.positionsByLabel(new int[] {2, 0, 2, 3, 0, 2}, 4);
        assertArrayEquals(new int[][] {{1, 4}, {}, {0, 2, 5}, {3}}, members);
    }

    @Test
    void labelOutsideTheClassesIsRejected() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ClassMembers.positionsByLabel(new int[] {0, 3}, 3));
        assertEquals("label 3 at position 1, expected 0..2", bad.getMessage());
    }

    @Test
    void rankedByCountTiesByLabel() {
        int[] counts = {5, 50, 5, 0, 50};
        assertArrayEquals(new int[] {1, 4, 0, 2, 3}, ClassMembers.mostFrequentFirst(counts));
        assertArrayEquals(new int[] {3, 0, 2, 1, 4}, ClassMembers.rarestFirst(counts));
    }
}
