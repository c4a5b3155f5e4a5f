package org.longtail4j.parts;

import org.longtail4j.BadInputException;

/**
 * Range checks of the numeric settings of registered parts (losses, mixings, samplers, transforms), each
 * failing with one line that names the config key, the value and the range expected. Each returns the
 * value, so a constructor can check and store in one statement.
 */
public final class SettingChecks {

    private SettingChecks() {}

    /** Any finite number. */
    public static double finite(double value, String key) {
        return check(Double.isFinite(value), value, key, "a finite number");
    }

    /** Finite and >= 0. */
    public static double nonNegative(double value, String key) {
        return check(value >= 0 && Double.isFinite(value), value, key, "a finite value >= 0");
    }

    /** Finite and > 0. */
    public static double positive(double value, String key) {
        return check(value > 0 && Double.isFinite(value), value, key, "a finite value > 0");
    }

    /** In [0, 1]. */
    public static double unitInterval(double value, String key) {
        return check(value >= 0 && value <= 1, value, key, "a value in [0, 1]");
    }

    /** In [0, 1): betas of the effective number (1 divides by 0) and epsilons inside a log. */
    public static double belowOne(double value, String key) {
        return check(value >= 0 && value < 1, value, key, "a value in [0, 1)");
    }

    /** A 0-based epoch. */
    public static int epoch(int value, String key) {
        return atLeastZero(value, key, "a 0-based epoch >= 0");
    }

    /** A number of epochs (or other things) that may be 0. */
    public static int count(int value, String key) {
        return atLeastZero(value, key, "an integer >= 0");
    }

    private static int atLeastZero(int value, String key, String expected) {
        if (value < 0) {
            throw new BadInputException("config key '" + key + "' is " + value + ", expected " + expected);
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
