package org.longtail4j.methods;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.longtail4j.BadInputException;

/** The methods a stage can name in its config ({@code stageN.method}): the one place they are registered. */
public final class Methods {

    private static final Map<String, Function<MethodContext, TrainingMethod>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("ce", CrossEntropyTraining::new);
        REGISTRY.put("dr", DecoupledRetraining::new);
    }

    private Methods() {}

    public static Set<String> names() {
        return REGISTRY.keySet();
    }

    public static TrainingMethod create(MethodContext context) {
        String name = context.config().method;
        Function<MethodContext, TrainingMethod> factory = REGISTRY.get(name);
        if (factory == null) {
            throw new BadInputException("config key '" + context.stageKey() + ".method' is " + name
                    + ", expected one of " + String.join(", ", names()) + " (or none)");
        }
        return factory.apply(context);
    }
}
