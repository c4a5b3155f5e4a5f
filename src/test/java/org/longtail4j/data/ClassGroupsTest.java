package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassGroups.Group;

class ClassGroupsTest {

    /** Group sizes from data.md for CIFAR-100-LT under the usual thresholds. */
    @ParameterizedTest
    @CsvSource({"100, 35, 35, 30", "200, 30, 31, 39", "50, 41, 41, 18"})
    void cifar100ThresholdGroups(double ratio, int many, int medium, int few) {
        int[] counts = LongTailProfile.exponential(ratio).countsByRank(500, 100);
        ClassGroups groups = ClassGroups.thresholds(counts);
        assertEquals(range(0, many), groups.many());
        assertEquals(range(many, many + medium), groups.medium());
        assertEquals(range(many + medium, 100), groups.few());
        assertEquals("thresholds: many > 100, few < 20", groups.rule());
    }

    @Test
    void namedThresholdRulesOfCbAndOltrDifferAtTheBoundaries() {
        int[] counts = {101, 100, 21, 20, 19};
        ClassGroups cb = ClassGroups.cb(counts);
        ClassGroups oltr = ClassGroups.oltr(counts);
        assertEquals(List.of(0), cb.many());
        assertEquals(List.of(1, 2, 3), cb.medium());
        assertEquals(List.of(4), cb.few());
        assertEquals(List.of(0, 1), oltr.many());
        assertEquals(List.of(2), oltr.medium());
        assertEquals(List.of(3, 4), oltr.few());
        assertTrue(cb.rule().startsWith("cb:") && oltr.rule().startsWith("oltr:"));
    }

    @Test
    void mislasRangesPerDataset() {
        ClassGroups places = ClassGroups.mislasRanges("places-lt", 365);
        assertEquals(131, places.many().size());
        assertEquals(157, places.medium().size());
        assertEquals(77, places.few().size());
        ClassGroups inat = ClassGroups.mislasRanges("inaturalist2018", 8142);
        assertEquals(842, inat.many().size());
        assertEquals(3701, inat.medium().size());
        ClassGroups imagenet = ClassGroups.mislasRanges("imagenet-lt", 1000);
        assertEquals(165, imagenet.few().size());
        assertTrue(imagenet.rule().contains("frequency-sorted"), imagenet.rule());
        assertThrows(BadInputException.class, () -> ClassGroups.mislasRanges("places-lt", 10));
        assertThrows(BadInputException.class, () -> ClassGroups.mislasRanges("cifar100", 100));
    }

    @Test
    void thresholdsAreStrict() {
        ClassGroups groups = ClassGroups.thresholds(new int[] {101, 100, 20, 19});
        assertEquals(Group.MANY, groups.groupOf(0));
        assertEquals(Group.MEDIUM, groups.groupOf(1));
        assertEquals(Group.MEDIUM, groups.groupOf(2));
        assertEquals(Group.FEW, groups.groupOf(3));
    }

    @Test
    void configurableThresholds() {
        ClassGroups groups = ClassGroups.thresholds(new int[] {5, 1000, 600, 50}, 999, 60);
        assertEquals("thresholds: many > 999, few < 60", groups.rule());
        assertEquals(List.of(1), groups.many());
        assertEquals(List.of(2), groups.medium());
        assertEquals(List.of(0, 3), groups.few());
    }

    @Test
    void overlappingThresholdsAreRejected() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ClassGroups.thresholds(new int[] {1, 2}, 20, 100));
        assertTrue(e.getMessage().contains("many > 20, few < 100"), e.getMessage());
    }

    /** Fashion-MNIST-LT at IR 100 goes from 6000 to 60 images: nothing is under 20. */
    @Test
    void emptyGroupIsAllowed() {
        int[] counts = LongTailProfile.exponential(100).countsByRank(6000, 10);
        ClassGroups groups = ClassGroups.thresholds(counts);
        assertEquals(List.of(), groups.few());
        assertEquals(10, groups.many().size() + groups.medium().size());
        // 6000 * 100^(-8/9) = 100.08 -> 100, not above 100; 6000 / 100 = 60
        assertEquals(100, counts[8]);
        assertEquals(List.of(8, 9), groups.medium());
    }

    @Test
    void rangesByLabel() {
        ClassGroups groups = ClassGroups.ranges(100, 36, 71);
        assertEquals("ranges: many [0, 36), medium [36, 71), few [71, 100)", groups.rule());
        assertEquals(36, groups.many().size());
        assertEquals(35, groups.medium().size());
        assertEquals(29, groups.few().size());
        assertEquals(Group.MANY, groups.groupOf(35));
        assertEquals(Group.MEDIUM, groups.groupOf(36));
        assertEquals(Group.MEDIUM, groups.groupOf(70));
        assertEquals(Group.FEW, groups.groupOf(71));
        assertEquals(100, groups.numClasses());
    }

    @ParameterizedTest
    @CsvSource({"100, 71, 36", "100, -1, 36", "100, 36, 101"})
    void badRangesAreRejected(int classes, int mediumFrom, int fewFrom) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ClassGroups.ranges(classes, mediumFrom, fewFrom));
        assertTrue(e.getMessage().contains("[" + mediumFrom + ", " + fewFrom + ")"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"100, 34, 33, 33", "10, 4, 3, 3", "8, 3, 3, 2", "9, 3, 3, 3", "2, 1, 1, 0", "1, 1, 0, 0"})
    void thirdsSizes(int classes, int many, int medium, int few) {
        int[] counts = IntStream.range(0, classes).map(c -> 1000 - c).toArray();
        ClassGroups groups = ClassGroups.thirds(counts);
        assertEquals(range(0, many), groups.many());
        assertEquals(range(many, many + medium), groups.medium());
        assertEquals(range(many + medium, classes), groups.few());
        assertTrue(groups.rule().startsWith("thirds by frequency rank: many " + many + ", medium " + medium
                + ", few " + few), groups.rule());
    }

    @Test
    void thirdsFollowCountsAndBreakTiesByLabel() {
        // ranks: label 3 (90), then the 50s by label: 0, 2, 5, then 4 (10), 1 (0)
        ClassGroups groups = ClassGroups.thirds(new int[] {50, 0, 50, 90, 10, 50});
        assertEquals(List.of(0, 3), groups.many());
        assertEquals(List.of(2, 5), groups.medium());
        assertEquals(List.of(1, 4), groups.few());
    }

    @Test
    void serialisesRuleAndLists() throws Exception {
        String json = new ObjectMapper().writeValueAsString(ClassGroups.ranges(5, 2, 5));
        assertEquals("{\"rule\":\"ranges: many [0, 2), medium [2, 5), few [5, 5)\","
                + "\"many\":[0,1],\"medium\":[2,3,4],\"few\":[]}", json);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }
}
