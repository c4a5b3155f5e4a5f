package org.longtail4j.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order a run's stages are shown in. Stage names are not fixed (stage1 / stage2 today, any
 * names a recipe gives tomorrow), so the order comes from the run folder itself: the list
 * {@code results.json["stages"]} when the run wrote one, else the order in which the names first appear
 * in config.yaml, else alphabetical. Stages a source does not mention follow, alphabetically.
 */
public final class StageOrder {

    private StageOrder() {}

    /**
     * @param found the stage folders present (any order)
     * @param listed {@code results.json["stages"]}, or null when the run has no such list
     * @param configText config.yaml as written, or null
     */
    public static List<String> order(List<String> found, List<String> listed, String configText) {
        List<String> rest = new ArrayList<>(found);
        rest.sort(Comparator.naturalOrder());
        List<String> ordered = new ArrayList<>();
        if (listed != null) {
            for (String name : listed) {
                if (rest.remove(name)) {
                    ordered.add(name);
                }
            }
        } else if (configText != null) {
            List<String> mentioned = new ArrayList<>();
            for (String name : rest) {
                if (firstMention(configText, name) >= 0) {
                    mentioned.add(name);
                }
            }
            mentioned.sort(Comparator.comparingInt(name -> firstMention(configText, name)));
            ordered.addAll(mentioned);
            rest.removeAll(mentioned);
        }
        ordered.addAll(rest);
        return ordered;
    }

    /** Where {@code name} first appears as a whole word (not inside a longer name), or -1. */
    static int firstMention(String text, String name) {
        Matcher m = Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])").matcher(text);
        return m.find() ? m.start() : -1;
    }
}
