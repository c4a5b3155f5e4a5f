package org.longtail4j.mixing;

import org.longtail4j.BadInputException;

/** The range checks the mixings' settings share, each failing with one line that names the key. */
final class SettingChecks {

    private SettingChecks() {}

    /** A Beta shape: finite and > 0. */
    static double positive(double value, String key) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("config key '" + key + "' is " + value + ", expected a number > 0");
        }
        return value;
    }

    /** A probability in [0, 1]. */
    static double probability(double value, String key) {
        if (!(value >= 0 && value <= 1)) {
            throw new BadInputException("config key '" + key + "' is " + value + ", expected a value in [0, 1]");
        }
        return value;
    }

    /** A count of epochs: >= 0. */
    static int epochs(int value, String key) {
        if (value < 0) {
            throw new BadInputException("config key '" + key + "' is " + value + ", expected an integer >= 0");
        }
        return value;
    }
}
