package org.longtail4j.losses;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.stream.Collectors;
import org.longtail4j.BadInputException;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.PartRegistry;

/**
 * The value of a loss's {@code weights} setting: a class weighting from {@link ClassWeightingRegistry},
 * bound (and checked) together with the loss's other settings, and written back in full (type and every
 * setting) when the loss's resolved settings are recorded.
 */
public final class WeightsSetting {

    /** The setting's name in a loss's settings, which the nested binding reports keys under. */
    static final String KEY = "weights";

    private final PartRegistry.Bound<ClassWeighting> bound;

    private WeightsSetting(PartRegistry.Bound<ClassWeighting> bound) {
        this.bound = bound;
    }

    /** Binds a config value: a weighting name ({@code cb}) or a mapping with {@code type} and settings. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WeightsSetting of(Object spec) {
        return new WeightsSetting(ClassWeightingRegistry.WEIGHTINGS.bind(KEY, spec));
    }

    /** No weighting: the default of every loss that takes weights. */
    public static WeightsSetting none() {
        return of("none");
    }

    /** The weighting's type and every setting, as the run's config records them. */
    @JsonValue
    public Map<String, Object> resolved() {
        return bound.resolved();
    }

    /**
     * Builds the weighting a loss's settings name.
     *
     * @param setting the loss's {@code weights} setting (null if the config wrote {@code weights: null})
     * @param loss the context the loss is built in
     */
    static ClassWeighting build(WeightsSetting setting, PartContext loss) {
        String key = loss.key() + "." + KEY;
        if (setting == null) {
            throw new BadInputException("config key '" + key + "' is null, expected a class weighting: one of "
                    + ClassWeightingRegistry.WEIGHTINGS.entries().stream()
                    .map(PartRegistry.Entry::name).collect(Collectors.joining(", ")));
        }
        return setting.bound.create(new PartContext(key, loss.classes(), loss.random(), loss.epochs()));
    }
}
