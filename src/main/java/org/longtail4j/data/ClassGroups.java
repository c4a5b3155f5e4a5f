package org.longtail4j.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.longtail4j.BadInputException;

/**
 * The head / medium / tail partition of the classes ("many / medium / few shot" in reports).
 *
 * <p>Papers disagree on how to draw the lines, and the group accuracies move with the rule, so the rule
 * is a setting and travels with the groups as text ({@link #rule()}) into every report. Three rules:
 *
 * <ul>
 *   <li>{@link #thresholds}: by training count, many &gt; a, few &lt; b, medium in between (usual: a = 100,
 *       b = 20);
 *   <li>{@link #ranges}: by class index, what the H2T and ResLT code report on CIFAR-100 ([0, 36), [36, 71),
 *       [71, 100)); meaningful only when label order is frequency order;
 *   <li>{@link #thirds}: by frequency rank, for datasets whose counts never cross the usual thresholds.
 * </ul>
 *
 * <p>A group may be empty (Fashion-MNIST-LT has no class under 20 images); its accuracy is then NaN.
 * Serialised with Jackson as {@code {"rule": ..., "many": [...], "medium": [...], "few": [...]}}.
 */
@JsonPropertyOrder({"rule", "many", "medium", "few"})
public final class ClassGroups {

    /** Head, medium and tail, named as in reports. */
    public enum Group {
        MANY, MEDIUM, FEW
    }

    private final String rule;
    private final Group[] groups;

    private ClassGroups(String rule, Group[] groups) {
        this.rule = rule;
        this.groups = groups;
    }

    /** The usual rule: many &gt; 100 training images, few &lt; 20. */
    public static ClassGroups thresholds(int[] trainCounts) {
        return thresholds(trainCounts, 100, 20);
    }

    /**
     * Many: count &gt; {@code manyAbove}; few: count &lt; {@code fewBelow}; medium: the rest.
     *
     * @param trainCounts training images per class, indexed by label
     */
    public static ClassGroups thresholds(int[] trainCounts, int manyAbove, int fewBelow) {
        checkCounts(trainCounts);
        if (fewBelow > manyAbove + 1) {
            throw new BadInputException("class group thresholds many > " + manyAbove + ", few < " + fewBelow
                    + " overlap; expected the few threshold <= the many threshold + 1");
        }
        Group[] groups = new Group[trainCounts.length];
        for (int label = 0; label < groups.length; label++) {
            int n = trainCounts[label];
            groups[label] = n > manyAbove ? Group.MANY : n < fewBelow ? Group.FEW : Group.MEDIUM;
        }
        return new ClassGroups("thresholds: many > " + manyAbove + ", few < " + fewBelow, groups);
    }

    /** CB's and RIDE's shot_acc: many &gt; 100 training images, few &lt; 20 (named "cb" in reports). */
    public static ClassGroups cb(int[] trainCounts) {
        ClassGroups g = thresholds(trainCounts, 100, 20);
        return new ClassGroups("cb: many > 100, few < 20 training images", g.groups);
    }

    /** OLTR's shot_acc: many &gt;= 100 training images, few &lt;= 20. */
    public static ClassGroups oltr(int[] trainCounts) {
        ClassGroups g = thresholds(trainCounts, 99, 21);
        return new ClassGroups("oltr: many >= 100, few <= 20 training images", g.groups);
    }

    /**
     * MiSLAS's fixed index ranges (its configs' head/med/tail_class_idx) over frequency-sorted labels:
     * ImageNet-LT [0, 390) [390, 835) [835, 1000); iNaturalist 2018 [0, 842) [842, 4543) [4543, 8142);
     * Places-LT [0, 131) [131, 288) [288, 365).
     *
     * @param dataset imagenet-lt, inaturalist2018 or places-lt
     */
    public static ClassGroups mislasRanges(String dataset, int numClasses) {
        int[] b = switch (dataset) {
            case "imagenet-lt" -> new int[] {390, 835, 1000};
            case "inaturalist2018" -> new int[] {842, 4543, 8142};
            case "places-lt" -> new int[] {131, 288, 365};
            default -> throw new BadInputException("class group rule mislas-ranges is defined for imagenet-lt,"
                    + " inaturalist2018 and places-lt, not " + dataset + "; use ranges with data.groups.boundaries");
        };
        if (numClasses != b[2]) {
            throw new BadInputException("class group rule mislas-ranges expects " + b[2] + " classes for " + dataset
                    + ", the data has " + numClasses);
        }
        ClassGroups g = ranges(numClasses, b[0], b[1]);
        return new ClassGroups("mislas-ranges (" + dataset + ", frequency-sorted labels): " + g.rule.substring(8),
                g.groups);
    }

    /** Many: labels [0, mediumFrom); medium: [mediumFrom, fewFrom); few: [fewFrom, numClasses). */
    public static ClassGroups ranges(int numClasses, int mediumFrom, int fewFrom) {
        String text = "ranges: many [0, " + mediumFrom + "), medium [" + mediumFrom + ", " + fewFrom
                + "), few [" + fewFrom + ", " + numClasses + ")";
        if (numClasses < 1 || mediumFrom < 0 || mediumFrom > fewFrom || fewFrom > numClasses) {
            throw new BadInputException("class group " + text + ": expected 0 <= " + mediumFrom + " <= "
                    + fewFrom + " <= " + numClasses + " (the number of classes)");
        }
        Group[] groups = new Group[numClasses];
        for (int label = 0; label < numClasses; label++) {
            groups[label] = label < mediumFrom ? Group.MANY : label < fewFrom ? Group.MEDIUM : Group.FEW;
        }
        return new ClassGroups(text, groups);
    }

    /**
     * Classes sorted by training count, most frequent first, ties by ascending label; the first third is
     * many, the next medium, the rest few. When C is not a multiple of 3 the extra classes go to the more
     * frequent groups: many has ceil(C / 3) classes, medium ceil((C - many) / 2), few the rest (C = 100:
     * 34 / 33 / 33; C = 10: 4 / 3 / 3; C = 8: 3 / 3 / 2).
     */
    public static ClassGroups thirds(int[] trainCounts) {
        checkCounts(trainCounts);
        int c = trainCounts.length;
        int many = (c + 2) / 3;
        int medium = (c - many + 1) / 2;
        int[] byRank = ClassMembers.mostFrequentFirst(trainCounts);
        Group[] groups = new Group[c];
        for (int rank = 0; rank < c; rank++) {
            groups[byRank[rank]] = rank < many ? Group.MANY : rank < many + medium ? Group.MEDIUM : Group.FEW;
        }
        return new ClassGroups("thirds by frequency rank: many " + many + ", medium " + medium + ", few "
                + (c - many - medium) + " classes (ties by label)", groups);
    }

    private static void checkCounts(int[] trainCounts) {
        if (trainCounts.length == 0 || Arrays.stream(trainCounts).anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("training counts " + Arrays.toString(trainCounts));
        }
    }

    /** The rule in words, for every report: "thresholds: many &gt; 100, few &lt; 20". */
    @JsonProperty("rule")
    public String rule() {
        return rule;
    }

    /** Labels of the head classes, ascending. */
    @JsonProperty("many")
    public List<Integer> many() {
        return members(Group.MANY);
    }

    /** Labels of the medium classes, ascending. */
    @JsonProperty("medium")
    public List<Integer> medium() {
        return members(Group.MEDIUM);
    }

    /** Labels of the tail classes, ascending. */
    @JsonProperty("few")
    public List<Integer> few() {
        return members(Group.FEW);
    }

    /** Labels of one group, ascending. */
    public List<Integer> members(Group group) {
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < groups.length; label++) {
            if (groups[label] == group) {
                labels.add(label);
            }
        }
        return List.copyOf(labels);
    }

    public Group groupOf(int label) {
        return groups[label];
    }

    public int numClasses() {
        return groups.length;
    }

    @Override
    public String toString() {
        return rule + " (" + many().size() + " / " + medium().size() + " / " + few().size() + " classes)";
    }
}
