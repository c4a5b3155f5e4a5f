package org.longtail4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * Config numbers are finite: YAML reads {@code .inf}, {@code .nan} and {@code 1e400} as numbers, and an
 * infinite learning rate passed every range check ("lr >= 0") before wrecking the run.
 */
final class FiniteNumbers {

    private FiniteNumbers() {}

    /** Fails naming {@code key} and {@code source} if {@code value} is or holds a non-finite number. */
    static void require(JsonNode value, String key, String source) {
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            throw new BadInputException(source + ": config key '" + key + "' is " + value.asText()
                    + ", expected a finite number");
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                require(value.get(i), key + "." + i, source);
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                require(field.getValue(), key + "." + field.getKey(), source);
            }
        }
    }
}
