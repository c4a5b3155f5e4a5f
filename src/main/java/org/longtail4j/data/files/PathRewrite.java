package org.longtail4j.data.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * Rewrites the relative paths of a list file so that a list written for one image layout reads another.
 *
 * <p>Places-LT has two lists for the same images in the same order: CB/OLTR's "easy format"
 * ({@code train/arena-hockey/00004852.jpg}, test {@code val/arena-hockey/Places365_val_00000001.jpg}) and
 * MiSLAS/H2T's Places365-Standard layout ({@code data_256/a/arena/hockey/00004852.jpg}, test
 * {@code val_256/Places365_val_00000001.jpg}). A rewrite is either a prefix map (longest matching prefix
 * first; paths no prefix matches are kept) or one of the two Places conversions:
 *
 * <ul>
 *   <li>{@code places-easy-to-256}: {@code train/a-b/x} becomes {@code data_256/a/a/b/x} (the class's
 *       first letter, then the class with '-' as '/'); {@code val/<class>/x} becomes {@code val_256/x};
 *   <li>{@code places-256-to-easy}: the reverse; {@code val_256/x} needs the class folder, taken from the
 *       line's label and the training classes' names.
 * </ul>
 */
public final class PathRewrite {

    private enum Kind { PREFIXES, PLACES_EASY_TO_256, PLACES_256_TO_EASY }

    private final Kind kind;
    private final List<Map.Entry<String, String>> prefixes;

    private PathRewrite(Kind kind, List<Map.Entry<String, String>> prefixes) {
        this.kind = kind;
        this.prefixes = prefixes;
    }

    /** Paths as listed. */
    public static PathRewrite none() {
        return new PathRewrite(Kind.PREFIXES, List.of());
    }

    /** Replaces the longest matching prefix of each path ({@code from -> to}). */
    public static PathRewrite prefixes(Map<String, String> fromTo) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(fromTo.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length()));
        return new PathRewrite(Kind.PREFIXES, List.copyOf(entries));
    }

    /**
     * By name: "none", "places-easy-to-256" or "places-256-to-easy".
     *
     * @param key the config key, for the message
     */
    public static PathRewrite named(String name, String key) {
        return switch (name) {
            case "none" -> none();
            case "places-easy-to-256" -> new PathRewrite(Kind.PLACES_EASY_TO_256, List.of());
            case "places-256-to-easy" -> new PathRewrite(Kind.PLACES_256_TO_EASY, List.of());
            default -> throw new BadInputException("config key '" + key + "' is " + name
                    + ", expected none, places-easy-to-256 or places-256-to-easy");
        };
    }

    /**
     * The rewritten path.
     *
     * @param easyClassNames Places class names in easy format indexed by label (for {@code val_256/x} to
     *     easy format); may be null otherwise
     * @param where the list file and line, for the message when a path does not fit the conversion
     */
    public String apply(String path, int label, List<String> easyClassNames, String where) {
        switch (kind) {
            case PREFIXES -> {
                for (Map.Entry<String, String> e : prefixes) {
                    if (path.startsWith(e.getKey())) {
                        return e.getValue() + path.substring(e.getKey().length());
                    }
                }
                return path;
            }
            case PLACES_EASY_TO_256 -> {
                String[] parts = path.split("/");
                if (parts.length == 3 && parts[0].equals("train") && !parts[1].isEmpty()) {
                    return "data_256/" + parts[1].charAt(0) + "/" + parts[1].replace('-', '/') + "/" + parts[2];
                }
                if (parts.length == 3 && parts[0].equals("val")) {
                    return "val_256/" + parts[2];
                }
                throw new BadInputException(where + ": path " + path + " is not in Places' easy format"
                        + " (train/<class>/<file> or val/<class>/<file>), which places-easy-to-256 expects");
            }
            default -> {
                String[] parts = path.split("/");
                if (parts.length >= 4 && parts[0].equals("data_256")) {
                    return "train/" + String.join("-", List.of(parts).subList(2, parts.length - 1)) + "/"
                            + parts[parts.length - 1];
                }
                if (parts.length == 2 && parts[0].equals("val_256")) {
                    if (easyClassNames == null) {
                        throw new BadInputException(where + ": " + path + " names no class; places-256-to-easy"
                                + " takes the class folder from the training list, which was not read first");
                    }
                    return "val/" + easyClassNames.get(label) + "/" + parts[1];
                }
                throw new BadInputException(where + ": path " + path + " is not in the Places365-Standard layout"
                        + " (data_256/<letter>/<class>/<file> or val_256/<file>), which places-256-to-easy expects");
            }
        }
    }

    /** Whether this rewrite turns paths into Places' easy format (class folder names with '-'). */
    boolean writesEasyFormat() {
        return kind == Kind.PLACES_256_TO_EASY;
    }
}
