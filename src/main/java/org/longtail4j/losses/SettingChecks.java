package org.longtail4j.losses;

import org.longtail4j.BadInputException;

/**
 * Range checks of numeric settings, each failing with one line that names the config key, the value and
 * the range expected. Each returns the value, so a constructor can check and store in one statement.
 */
final class SettingChecks {

    private SettingChecks() {}

    static double finite(double value, String key) {
        return check(Double.isFinite(value), value, key, "a finite number");
    }

    static double nonNegative(double value, String key) {
        return check(value >= 0 && Double.isFinite(value), value, key, "a finite value >= 0");
    }

    static double positive(double value, String key) {
        return check(value > 0 && Double.isFinite(value), value, key, "a finite value > 0");
    }

    /** In [0, 1]. */
    static double unitInterval(double value, String key) {
        return check(value >= 0 && value <= 1, value, key, "a value in [0, 1]");
    }

    /** In [0, 1): betas of the effective number (1 divides by 0) and epsilons inside a log. */
    static double belowOne(double value, String key) {
        return check(value >= 0 && value < 1, value, key, "a value in [0, 1)");
    }

    /** A 0-based epoch. */
    static int epoch(int value, String key) {
        if (value < 0) {
            throw new BadInputException("config key '" + key + "' is " + value + ", expected a 0-based epoch >= 0");
        }
        return value;
    }

    private static double check(boolean ok, double value, String key, String expected) {
        if (!ok) {
            throw new BadInputException("config key '" + key + "' is " + value + ", expected " + expected);
        }
        return value;
    }
}
