package org.longtail4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every config key with its type, default and meaning, read from the config classes themselves (their
 * public fields, as Jackson binds them, and each field's {@link Meaning}) so that the list cannot drift
 * from what the loader accepts.
 */
public final class ConfigKeys {

    /**
     * One key: its dotted name, the kind of value it takes, its default as YAML would show it, and what it
     * means (empty if its field has no {@link Meaning}, which a test forbids).
     */
    public record Key(String name, String type, String defaultValue, String meaning) {}

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigKeys() {}

    /** All keys, in the order of the config classes' fields. */
    public static List<Key> all() {
        JsonNode defaults = ConfigLoader.yaml().valueToTree(new RunConfig());
        List<Key> keys = new ArrayList<>();
        collect(RunConfig.class, "", defaults, keys);
        return keys;
    }

    private static void collect(Class<?> type, String prefix, JsonNode defaults, List<Key> keys) {
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String name = SNAKE.translate(field.getName());
            JsonNode value = defaults.path(name);
            if (field.getName().equals("stages")) {
                // Stages are named by the recipe: their keys are listed once, under a placeholder name.
                collect(StageConfig.class, prefix + name + ".NAME.", ConfigLoader.yaml().valueToTree(new StageConfig()),
                        keys);
            } else if (isConfigSection(field.getType())) {
                collect(field.getType(), prefix + name + ".", value, keys);
            } else {
                Meaning meaning = field.getAnnotation(Meaning.class);
                keys.add(new Key(prefix + name, describe(field.getGenericType()), shown(value),
                        meaning == null ? "" : meaning.value()));
            }
        }
    }

    /** A nested config class (a mapping of keys of its own), as opposed to a value. */
    private static boolean isConfigSection(Class<?> type) {
        return type.getPackageName().equals(ConfigKeys.class.getPackageName()) && !type.isEnum();
    }

    private static String describe(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return "list of " + plural(describe(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw) && p.getActualTypeArguments()[1] == String.class) {
                return "mapping of config keys to text (how each value was chosen)";
            }
            if (Map.class.isAssignableFrom(raw)) {
                Type values = p.getActualTypeArguments()[1];
                return values == Object.class ? "mapping (edit: settings)" : "mapping of " + plural(describe(values));
            }
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true/false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Object.class) {
            return "part (NAME or {type: NAME, ...})";
        }
        return type.getTypeName();
    }

    private static String plural(String kind) {
        return kind.endsWith("number") ? kind + "s" : kind;
    }

    private static String shown(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "null";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
