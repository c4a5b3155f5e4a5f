package org.longtail4j.parts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * One kind of part (losses, batch mixings, samplers, ...) by name: each entry has a one-line summary,
 * the paper it comes from, a class of typed settings and a factory. A config names a part as
 * {@code {type: NAME, setting: value, ...}} or just {@code NAME}; {@link #bind} turns that into typed
 * settings (unknown keys rejected with the key named, missing ones taking the class's defaults), and
 * {@link Bound#resolved} gives back the complete map that the run's config.yaml records.
 *
 * <p>Settings classes are plain classes with public fields and defaults, bound by their snake_case
 * names, exactly like the rest of the config.
 *
 * @param <T> what the parts of this kind are
 */
public final class PartRegistry<T> {

    /** Builds a part from its bound settings. */
    @FunctionalInterface
    public interface Factory<S, T> {
        T create(S settings, PartContext context);
    }

    /** One registered part. */
    public record Entry<T>(String name, String summary, String paper, Class<?> settingsType,
            Factory<Object, ? extends T> factory) {}

    /** A part whose settings are bound and checked, ready to be built. */
    public record Bound<T>(Entry<T> entry, Object settings) {

        public T create(PartContext context) {
            return entry.factory().create(settings, context);
        }

        /** The settings as the run's config records them: the type and every setting's value. */
        public Map<String, Object> resolved() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", entry.name());
            @SuppressWarnings("unchecked")
            Map<String, Object> values = SETTINGS.convertValue(settings, LinkedHashMap.class);
            out.putAll(values);
            return out;
        }
    }

    static final ObjectMapper SETTINGS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final String KEY_PREFIX = "config key '";

    private final String kind;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

    /** @param kind what the parts are, for messages and listings ("loss", "batch mixing") */
    public PartRegistry(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** Registers a part; names are unique within a kind. */
    @SuppressWarnings("unchecked")
    public <S> PartRegistry<T> register(String name, String summary, String paper, Class<S> settingsType,
            Factory<S, ? extends T> factory) {
        if (entries.containsKey(name)) {
            throw new IllegalStateException(kind + " '" + name + "' is registered twice");
        }
        entries.put(name, new Entry<>(name, summary, paper, settingsType, (Factory<Object, ? extends T>) factory));
        return this;
    }

    public Collection<Entry<T>> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * Binds a part's config: a name, or a mapping with {@code type} and the part's settings.
     *
     * @param key the config key, for messages ("stages.stage1.loss")
     * @param spec a String or a Map as read from YAML
     */
    public Bound<T> bind(String key, Object spec) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String name;
        if (spec instanceof String s) {
            name = s;
        } else if (spec instanceof Map<?, ?> map) {
            Object type = map.get("type");
            if (!(type instanceof String s)) {
                throw new BadInputException("config key '" + key + ".type' is " + type + ", expected one of "
                        + String.join(", ", entries.keySet()));
            }
            name = s;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!"type".equals(e.getKey())) {
                    settings.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
        } else {
            throw new BadInputException("config key '" + key + "' is " + spec + ", expected a " + kind
                    + " name or a mapping with 'type' (one of " + String.join(", ", entries.keySet()) + ")");
        }
        Entry<T> entry = entries.get(name);
        if (entry == null) {
            throw new BadInputException("config key '" + key + (spec instanceof Map ? ".type" : "") + "' is " + name
                    + ", expected a " + kind + ": one of " + String.join(", ", entries.keySet()));
        }
        Object bound;
        try {
            bound = SETTINGS.convertValue(settings, entry.settingsType());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(message(key, entry, e));
        }
        if (bound instanceof CheckedSettings checked) {
            checked.check(key);
        }
        return new Bound<>(entry, bound);
    }

    private String message(String key, Entry<T> entry, IllegalArgumentException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            // a part bound inside this part's settings (a loss's class weighting) names its keys from the
            // setting's own name ("weights.beta"): put this part's key in front
            if (t instanceof BadInputException nested && nested.getMessage().startsWith(KEY_PREFIX)) {
                return KEY_PREFIX + key + "." + nested.getMessage().substring(KEY_PREFIX.length());
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return "config key '" + key + "." + u.getPropertyName() + "' is not a setting of " + kind + " '"
                    + entry.name() + "' (its settings: " + settingNames(entry) + ")";
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(0).getFieldName();
            return "config key '" + key + "." + field + "' has the wrong type for " + kind + " '" + entry.name()
                    + "': " + m.getOriginalMessage().lines().findFirst().orElse("");
        }
        return "config key '" + key + "': " + e.getMessage();
    }

    /** The settings a part takes, by their config names. */
    public static String settingNames(Entry<?> entry) {
        @SuppressWarnings("unchecked")
        Map<String, Object> defaults;
        try {
            defaults = SETTINGS.convertValue(entry.settingsType().getDeclaredConstructor().newInstance(),
                    LinkedHashMap.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(entry.settingsType() + " needs a public no-argument constructor", e);
        }
        List<String> names = new ArrayList<>(defaults.keySet());
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
