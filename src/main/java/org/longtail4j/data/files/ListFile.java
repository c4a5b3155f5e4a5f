package org.longtail4j.data.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.longtail4j.BadInputException;

/**
 * The list-file format of ImageNet-LT, Places-LT and the iNaturalist text lists (CB, MiSLAS, H2T):
 * one sample per line, {@code <relative path><whitespace><integer label>}.
 *
 * <p>Accepts {@code \n} and {@code \r\n}, skips blank lines, rejects a line with other than two tokens or
 * a label that is not a whole number in [0, C), and keeps file order (sample i is the i-th non-blank
 * line). Every message names the file and line.
 */
public final class ListFile {

    /**
     * The parsed lines of one list: relative paths, labels and line numbers, in file order.
     *
     * @param lineNumbers the line of each sample, from 1 (for the iNaturalist JSON: position in images[],
     *     from 1)
     * @param fromJson whether the samples come from the iNaturalist JSON (messages then name images[i])
     */
    public record Lines(Path file, List<String> paths, int[] labels, int[] lineNumbers, boolean fromJson) {
        public int size() {
            return labels.length;
        }

        /** "FILE line N" (or "FILE images[i]") for sample {@code i}. */
        public String where(int i) {
            return fromJson ? file + " images[" + (lineNumbers[i] - 1) + "]" : file + " line " + lineNumbers[i];
        }

        /** The largest label plus one (0 for an empty list). */
        public int labelsUsed() {
            return Arrays.stream(labels).max().orElse(-1) + 1;
        }
    }

    private ListFile() {}

    /**
     * Reads {@code file}.
     *
     * @param numClasses C, labels must lie in [0, C); 0 = no upper bound yet (checked later)
     */
    public static Lines read(Path file, int numClasses) {
        List<String> paths = new ArrayList<>();
        int[] labels = new int[1024];
        int[] lines = new int[1024];
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                String[] tokens = text.split("\\s+");
                if (tokens.length != 2) {
                    throw new BadInputException(file + " line " + lineNumber + ": " + tokens.length
                            + " fields in \"" + abbreviate(text) + "\"; expected 2: <relative path> <label>"
                            + " (paths with spaces are not supported, as in the reference loaders)");
                }
                int label;
                try {
                    label = Integer.parseInt(tokens[1]);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + " line " + lineNumber + ": label \"" + abbreviate(tokens[1])
                            + "\" is not a whole number; expected <relative path> <label>");
                }
                if (label < 0 || numClasses > 0 && label >= numClasses) {
                    throw new BadInputException(file + " line " + lineNumber + ": label " + label
                            + " is out of range; expected 0.." + (numClasses > 0 ? numClasses - 1 : "")
                            + (numClasses > 0 ? " (" + numClasses + " classes)" : ""));
                }
                int n = paths.size();
                if (n == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * n);
                    lines = Arrays.copyOf(lines, 2 * n);
                }
                paths.add(tokens[0]);
                labels[n] = label;
                lines[n] = lineNumber;
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("list file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read list file " + file + ": " + e.getMessage(), e);
        }
        if (paths.isEmpty()) {
            throw new BadInputException(file + ": no samples; expected lines of <relative path> <label>");
        }
        int n = paths.size();
        return new Lines(file, List.copyOf(paths), Arrays.copyOf(labels, n), Arrays.copyOf(lines, n), false);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
