package org.longtail4j.data.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.longtail4j.BadInputException;

/**
 * Turns the parsed lines of a list file (or of the iNaturalist JSON) into {@link ImageFiles}: joins each
 * relative path to the image root after the {@link PathRewrite}, checks that the file is there, and names
 * the classes.
 *
 * <p>ImageNet's validation archive is flat; with {@code flatFallback} a missing {@code root/val/<wnid>/<file>}
 * is looked for at {@code root/val/<file>} (any path: the file's name one folder up).
 */
public final class ListedImages {

    private ListedImages() {}

    /**
     * @param numClasses C; every label must be below it
     * @param classNames names of the C classes, or null to name them after the folders of the listed paths
     *     (the first sample of each class; "class_N" for a class no line names)
     */
    public static ImageFiles resolve(String name, ListFile.Lines lines, Path imageRoot, PathRewrite rewrite,
            boolean flatFallback, int numClasses, List<String> classNames) {
        int n = lines.size();
        String[] paths = new String[n];
        String[] origins = new String[n];
        String[] namesFound = new String[numClasses];
        List<String> easyNames = rewrite.writesEasyFormat() ? classNames : null;
        for (int i = 0; i < n; i++) {
            String where = lines.where(i);
            int label = lines.labels()[i];
            if (label >= numClasses) {
                throw new BadInputException(where + ": label " + label + " is out of range; expected 0.."
                        + (numClasses - 1) + " (" + numClasses + " classes)");
            }
            String relative = rewrite.apply(lines.paths().get(i), label, easyNames, where);
            Path file = imageRoot.resolve(relative);
            if (!Files.isRegularFile(file)) {
                Path flat = file.getParent() == null || file.getParent().getParent() == null ? null
                        : file.getParent().getParent().resolve(file.getFileName());
                if (flatFallback && flat != null && Files.isRegularFile(flat)) {
                    file = flat;
                } else {
                    throw new BadInputException(where + ": image file " + file + " does not exist"
                            + (flatFallback && flat != null ? " (nor " + flat + ")" : "")
                            + "; expected the list's paths under the image root " + imageRoot);
                }
            }
            paths[i] = file.toString();
            origins[i] = where;
            if (namesFound[label] == null) {
                namesFound[label] = classFolder(relative);
            }
        }
        List<String> names = classNames;
        if (names == null) {
            names = new ArrayList<>(numClasses);
            for (int c = 0; c < numClasses; c++) {
                names.add(namesFound[c] != null ? namesFound[c] : "class_" + c);
            }
        }
        return new ImageFiles(name, paths, origins, Arrays.copyOf(lines.labels(), n), names);
    }

    /**
     * The class part of a listed path: the folders between the split folder and the file
     * ({@code train/n01440764/x.JPEG} gives n01440764, {@code train_val2018/Plantae/7477/x.jpg} gives
     * Plantae/7477, {@code data_256/a/arena/hockey/x.jpg} gives arena/hockey).
     */
    static String classFolder(String relative) {
        String[] parts = relative.split("/");
        int from = parts.length > 2 && parts[0].equals("data_256") ? 2 : 1;
        if (parts.length - 1 <= from) {
            return parts.length >= 2 ? parts[parts.length - 2] : relative;
        }
        return String.join("/", Arrays.asList(parts).subList(from, parts.length - 1));
    }
}
