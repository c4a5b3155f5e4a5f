package org.longtail4j.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The many / medium / few groups as a run folder records them ({@code split.json["groups"]} or a
 * results.json's {@code split}): which group a class is in, the rule that made them, and where the
 * groups' training-count ranges meet (for marking them on a count axis).
 */
public final class ClassGroupsView {

    /** Group indices: 0 many, 1 medium, 2 few; -1 for a class in no group. */
    private final int[] group;
    private final String rule;

    private ClassGroupsView(int[] group, String rule) {
        this.group = group;
        this.rule = rule;
    }

    /** Reads {@code {"rule": ..., "many": [...], "medium": [...], "few": [...]}} for {@code numClasses} classes. */
    public static ClassGroupsView of(JsonNode groups, int numClasses) {
        int[] group = new int[numClasses];
        java.util.Arrays.fill(group, -1);
        String[] keys = {"many", "medium", "few"};
        for (int g = 0; g < keys.length; g++) {
            for (JsonNode label : groups.path(keys[g])) {
                int c = label.asInt(-1);
                if (c >= 0 && c < numClasses) {
                    group[c] = g;
                }
            }
        }
        return new ClassGroupsView(group, groups.path("rule").asText(""));
    }

    /** 0 many, 1 medium, 2 few, -1 none. */
    public int groupOf(int label) {
        return label < group.length ? group[label] : -1;
    }

    /** The rule, e.g. "thresholds: many > 100, few < 20". */
    public String rule() {
        return rule;
    }

    /** How many classes each group holds: {many, medium, few}. */
    public int[] sizes() {
        int[] sizes = new int[3];
        for (int g : group) {
            if (g >= 0) {
                sizes[g]++;
            }
        }
        return sizes;
    }

    /**
     * Counts between adjacent non-empty groups (geometric mean of the smallest count above and the largest
     * below), where a log-scale count axis gets a dividing line; empty when groups overlap in counts.
     */
    public List<Double> countBoundaries(long[] counts) {
        List<Double> boundaries = new ArrayList<>();
        long previousMin = -1;
        for (int g = 0; g < 3; g++) {
            long min = Long.MAX_VALUE;
            long max = -1;
            for (int c = 0; c < counts.length && c < group.length; c++) {
                if (group[c] == g) {
                    min = Math.min(min, counts[c]);
                    max = Math.max(max, counts[c]);
                }
            }
            if (max < 0) {
                continue;
            }
            if (previousMin > 0 && max < previousMin) {
                boundaries.add(Math.sqrt((double) previousMin * Math.max(max, 1)));
            }
            previousMin = min;
        }
        return boundaries;
    }
}
