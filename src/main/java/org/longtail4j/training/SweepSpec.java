package org.longtail4j.training;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.longtail4j.BadInputException;

/**
 * What a sweep varies: one config key and the values it takes, from {@code --set-values KEY=VALUES}.
 *
 * <p>VALUES is either a list, {@code v1,v2,...} (each value in YAML syntax, as {@code --set} takes it;
 * commas inside brackets belong to the value, so {@code data.groups.boundaries=[30,60],[36,71]} is two
 * values), or a range, {@code start:stop:step}: start, start + step, ... up to stop inclusive, computed
 * in decimal so {@code 0:1:0.1} is exactly 0.0, 0.1, ..., 1.0 (eleven values, no 0.30000000000000004).
 *
 * @param key the dotted config key, e.g. stages.stage2.transform.p
 * @param values the values in sweep order, as text (each one a {@code --set} value)
 */
public record SweepSpec(String key, List<String> values) {

    /** More runs than anyone means to start by one typo in a step. */
    public static final int MAX_VALUES = 1000;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String USAGE = "expected KEY=v1,v2,... or KEY=start:stop:step, e.g. "
            + "stages.stage2.transform.p=0,0.1,0.2 or stages.stage2.transform.p=0:1:0.1";

    public SweepSpec {
        values = List.copyOf(values);
    }

    /** Parses {@code KEY=v1,v2,...} or {@code KEY=start:stop:step}. */
    public static SweepSpec parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq < 0) {
            throw new BadInputException("--set-values " + text + ": " + USAGE);
        }
        String key = text.substring(0, eq).trim();
        String list = text.substring(eq + 1).trim();
        if (!KEY.matcher(key).matches()) {
            throw new BadInputException("--set-values " + text + ": '" + key + "' is not a config key; " + USAGE);
        }
        if (list.isEmpty()) {
            throw new BadInputException("--set-values " + text + ": no values for key '" + key + "'; " + USAGE);
        }
        List<String> values = isRange(list) ? range(key, list) : list(key, list);
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new BadInputException("--set-values " + key + ": value " + v + " appears twice");
            }
        }
        return new SweepSpec(key, values);
    }

    /** Whether every value is a plain decimal number (then a plot can put them on a numeric axis). */
    public boolean numeric() {
        return values.stream().allMatch(v -> NUMBER.matcher(v).matches());
    }

    /** The numbers of a {@link #numeric} sweep, in order. */
    public double[] numbers() {
        return values.stream().mapToDouble(Double::parseDouble).toArray();
    }

    /** The {@code --set} override that makes value {@code i}. */
    public String override(int i) {
        return key + "=" + values.get(i);
    }

    /**
     * Folder names of the values' runs: the key's last part and the value, e.g. "p-0.1", "bn-shift",
     * with characters other than letters, digits, '.', '_' and '-' replaced; distinct.
     */
    public List<String> folderNames() {
        String last = key.substring(key.lastIndexOf('.') + 1);
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String name = last + "-" + values.get(i).replaceAll("[^A-Za-z0-9._-]", "_");
            if (!used.add(name)) {
                name = name + "-" + (i + 1);
                used.add(name);
            }
            names.add(name);
        }
        return names;
    }

    /** A range is three colon-separated parts and no comma; "gpu:0" or a URL stays a single value. */
    private static boolean isRange(String list) {
        return list.indexOf(',') < 0 && list.split(":", -1).length == 3;
    }

    private static List<String> range(String key, String list) {
        String[] parts = list.split(":", -1);
        BigDecimal[] n = new BigDecimal[3];
        String[] names = {"start", "stop", "step"};
        for (int i = 0; i < 3; i++) {
            String part = parts[i].trim();
            if (!NUMBER.matcher(part).matches()) {
                throw new BadInputException("--set-values " + key + "=" + list + ": range " + names[i] + " '" + part
                        + "' is not a number (a range is start:stop:step, e.g. 0:1:0.1)");
            }
            n[i] = new BigDecimal(part);
        }
        BigDecimal start = n[0];
        BigDecimal stop = n[1];
        BigDecimal step = n[2];
        if (step.signum() <= 0) {
            throw new BadInputException("--set-values " + key + "=" + list + ": range step " + parts[2].trim()
                    + " must be positive");
        }
        if (stop.compareTo(start) < 0) {
            throw new BadInputException("--set-values " + key + "=" + list + ": range stop " + parts[1].trim()
                    + " is below start " + parts[0].trim());
        }
        BigDecimal count = stop.subtract(start).divideToIntegralValue(step).add(BigDecimal.ONE);
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
            throw new BadInputException("--set-values " + key + "=" + list + ": the range has " + count.toPlainString()
                    + " values, more than " + MAX_VALUES + " (is the step right?)");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count.intValue(); i++) {
            values.add(start.add(step.multiply(BigDecimal.valueOf(i))).toPlainString());
        }
        return values;
    }

    /** Splits at commas outside brackets and braces. */
    private static List<String> list(String key, String list) {
        List<String> values = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            if (c == ',' && depth <= 0) {
                String value = current.toString().trim();
                if (value.isEmpty()) {
                    throw new BadInputException("--set-values " + key + "=" + list + ": value " + (values.size() + 1)
                            + " is empty (two commas in a row, or a comma at an end?)");
                }
                values.add(value);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (depth != 0) {
            throw new BadInputException("--set-values " + key + "=" + list + ": unbalanced brackets");
        }
        return values;
    }
}
