package org.longtail4j.data.formats;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;

/**
 * Turns what razorvine builds from a pickle back into plain Java values, whichever Python wrote it.
 *
 * <p>The same CIFAR dict arrives with keys as Python 2 {@code str} (razorvine: String), Python 3
 * {@code str} (String) or Python 3 {@code bytes} (byte[], e.g. after a {@code pickle.load(f,
 * encoding='bytes')} round trip); text is compared as ISO-8859-1, which maps each of those bytes to
 * one char, as Python 2 did.
 */
final class PickleValues {

    private PickleValues() {
    }

    /** A Python 2 str, Python 3 str or Python 3 bytes as a Java string. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        throw new PickleException("expected text, found a " + typeName(value));
    }

    /** {@code dict} with its keys converted by {@link #text}, in the pickle's order. */
    static Map<String, Object> textKeyed(Map<?, ?> dict) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            result.put(text(e.getKey()), e.getValue());
        }
        return result;
    }

    /** A pickled int (razorvine: Integer, or Long for ints written as LONG1) that fits a Java int. */
    static int intValue(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw new PickleException("expected an int, found " + typeName(value) + " " + value);
    }

    /** Python truth of a bool or int flag (Python 2 sometimes pickles flags as 0 / 1). */
    static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return intValue(value) != 0;
    }

    /** The Python type name of a value, for messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Object[]) {
            return "tuple";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof NumpyArray) {
            return "numpy array";
        }
        return value.getClass().getSimpleName();
    }
}
