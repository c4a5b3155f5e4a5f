package org.longtail4j.data.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.longtail4j.BadInputException;

/**
 * A folder of images with one sub-folder per class, read as torchvision's ImageFolder does.
 *
 * <ul>
 *   <li>classes = the immediate sub-folders, sorted by name in code-point order (Python's {@code sorted});
 *       label = position;
 *   <li>images are found recursively; as torchvision ({@code sorted(os.walk(...))}, then each folder's
 *       file names sorted), the folders of a class are visited in the order of their relative paths and
 *       the files of each folder by name;
 *   <li>extensions, case-insensitive: torchvision's IMG_EXTENSIONS (.jpg .jpeg .png .ppm .bmp .pgm .tif
 *       .tiff .webp);
 *   <li>names starting with '.' (files and folders) are skipped: a deliberate difference from torchvision,
 *       so that editor and OS droppings (.DS_Store, ._x.jpg) are not read as images;
 *   <li>a class folder without any image is an error naming the folder.
 * </ul>
 */
public final class ImageFolder {

    /** torchvision's IMG_EXTENSIONS. */
    public static final Set<String> EXTENSIONS =
            Set.of(".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp");

    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private ImageFolder() {}

    /** The class names of {@code root}: its non-hidden sub-folders, sorted by code point. */
    public static List<String> classes(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException("image folder " + root + " does not exist or is not a folder");
        }
        List<String> names = new ArrayList<>();
        for (Path p : list(root)) {
            String name = p.getFileName().toString();
            if (!name.startsWith(".") && Files.isDirectory(p)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new BadInputException("image folder " + root + " has no class sub-folders; expected"
                    + " root/<class name>/<images>");
        }
        names.sort(CODE_POINTS);
        return names;
    }

    /** Reads {@code root} with the classes it holds. */
    public static ImageFiles read(Path root, String name) {
        return read(root, name, classes(root));
    }

    /**
     * Reads {@code root} with the given class names (a validation or test folder must have the training
     * folder's classes, in the same order).
     */
    public static ImageFiles read(Path root, String name, List<String> classNames) {
        List<String> found = classes(root);
        if (!found.equals(classNames)) {
            throw new BadInputException("image folder " + root + " has classes " + abbreviate(found)
                    + "; expected the training folder's " + abbreviate(classNames));
        }
        List<String> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            Path classDir = root.resolve(classNames.get(label));
            int before = paths.size();
            List<String> folders = new ArrayList<>();
            collectFolders(classDir, "", folders);
            folders.sort(CODE_POINTS);
            for (String folder : folders) {
                Path dir = folder.isEmpty() ? classDir : classDir.resolve(folder);
                List<String> files = new ArrayList<>();
                for (Path p : list(dir)) {
                    String fileName = p.getFileName().toString();
                    if (!fileName.startsWith(".") && isImageName(fileName) && Files.isRegularFile(p)) {
                        files.add(fileName);
                    }
                }
                files.sort(CODE_POINTS);
                for (String f : files) {
                    paths.add(dir.resolve(f).toString());
                    labels.add(label);
                }
            }
            if (paths.size() == before) {
                throw new BadInputException("class folder " + classDir + " holds no image; expected at least one"
                        + " file ending in " + String.join(" ", EXTENSIONS.stream().sorted().toList())
                        + " (any case)");
            }
        }
        String[] origins = new String[paths.size()];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = "image folder " + root;
        }
        return new ImageFiles(name, paths.toArray(String[]::new), origins,
                labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
    }

    /** Whether a file name ends in one of {@link #EXTENSIONS}, ignoring case. */
    public static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(fileName.substring(dot).toLowerCase(Locale.ROOT));
    }

    private static void collectFolders(Path dir, String relative, List<String> out) {
        out.add(relative);
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (!name.startsWith(".") && Files.isDirectory(p)) {
                collectFolders(p, relative.isEmpty() ? name : relative + "/" + name, out);
            }
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new BadInputException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 6 ? names.toString()
                : names.subList(0, 6).toString().replace("]", ", ... (" + names.size() + " classes)]");
    }
}
