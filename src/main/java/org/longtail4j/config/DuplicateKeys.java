package org.longtail4j.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Words for the parser's duplicate-key error: which key (with its dotted path) is given twice, on
 * which line. YAML itself keeps the last of two equal keys silently, so {@code epochs: 1, epochs: 7}
 * would train 7 epochs with no word.
 */
final class DuplicateKeys {

    private DuplicateKeys() {}

    /** "line N: key 'a.b' is given twice ..." when {@code e} is the duplicate-key error, else null. */
    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field")) {
            return null;
        }
        String key = dottedKey(e);
        String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
        return line + "key '" + key + "' is given twice (a second value would silently replace the first;"
                + " keep one)";
    }

    private static String dottedKey(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            Deque<String> names = new ArrayDeque<>();
            for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    names.addFirst(c.getCurrentName());
                }
            }
            if (!names.isEmpty()) {
                return String.join(".", names);
            }
        }
        String message = e.getOriginalMessage();
        int open = message.indexOf('\'');
        int close = message.indexOf('\'', open + 1);
        return open >= 0 && close > open ? message.substring(open + 1, close) : "?";
    }
}
