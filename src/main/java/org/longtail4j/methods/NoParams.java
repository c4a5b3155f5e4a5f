package org.longtail4j.methods;

import org.longtail4j.BadInputException;

/** For methods that take nothing under {@code stageN.params}: a stray key there is a mistake. */
final class NoParams {

    private NoParams() {}

    static void check(MethodContext context) {
        if (!context.config().params.isEmpty()) {
            String key = context.config().params.keySet().iterator().next();
            throw new BadInputException("config key '" + context.stageKey() + ".params." + key
                    + "' is not a setting of method " + context.config().method + " (it takes no params)");
        }
    }
}
