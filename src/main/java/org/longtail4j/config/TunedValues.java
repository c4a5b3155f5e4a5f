package org.longtail4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * Checks the config's {@code tuned} record (config key -> how its value was chosen). Nothing reads the
 * record but reports, so the only thing to check is that it describes this config: each key must name a
 * setting the config has, or the record would document a value that does not exist (a typo, a renamed key).
 */
public final class TunedValues {

    private TunedValues() {}

    /**
     * @param resolved the config with its stages' parts resolved (every part setting written out), so
     *     that a part's setting such as {@code stages.stage2.transform.p} is found even when a method
     *     preset supplies it
     * @throws BadInputException naming the first key that is not a setting of the config, or whose text is empty
     */
    public static void check(RunConfig resolved) {
        JsonNode tree = ConfigLoader.yaml().valueToTree(resolved);
        for (Map.Entry<String, String> entry : resolved.tuned.entrySet()) {
            String key = entry.getKey();
            if (key.equals("tuned") || key.startsWith("tuned.") || !names(tree, key)) {
                throw new BadInputException("config key 'tuned' names " + key + ", which is not a setting of this"
                        + " config; expected the config key of a tuned value, e.g. stages.stage2.transform.p (see"
                        + " 'longtail config --keys')");
            }
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new BadInputException("config key 'tuned." + key + "' is empty; expected a few words on how the"
                        + " value was chosen (e.g. \"swept 0..1 on the validation split\")");
            }
        }
    }

    private static boolean names(JsonNode tree, String dotted) {
        JsonNode node = tree;
        for (String part : dotted.split("\\.", -1)) {
            if (part.isEmpty() || !node.isObject() || !node.has(part)) {
                return false;
            }
            node = node.get(part);
        }
        return true;
    }
}
