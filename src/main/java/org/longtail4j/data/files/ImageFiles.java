package org.longtail4j.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.longtail4j.BadInputException;
import org.longtail4j.data.LabelledImages;

/**
 * A labelled set of image files on disk: the file of each sample, its label, and where the sample was
 * declared (list file and line, JSON entry, folder) so that a file that later fails to decode can be
 * reported against the line that named it. Pixels are read per batch, never held.
 *
 * <p>Memory: one path string, one origin string and one int per sample (about 200 bytes; iNaturalist
 * 2018's 437,513 training images take under 100 MB).
 */
public final class ImageFiles implements LabelledImages {

    private final String name;
    private final String[] paths;
    private final String[] origins;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @param paths the file of each sample, as a path string (resolved against the data root already)
     * @param origins where each sample was declared, e.g. "ImageNet_LT_train.txt line 12"
     * @param labels each sample's label in [0, classNames.size())
     */
    public ImageFiles(String name, String[] paths, String[] origins, int[] labels, List<String> classNames) {
        this.name = Objects.requireNonNull(name);
        this.paths = paths.clone();
        this.origins = origins.clone();
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
        if (paths.length != labels.length || origins.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + paths.length + " paths, " + origins.length
                    + " origins, " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new BadInputException(origins[i] + ": label " + labels[i] + " is out of range, expected 0.."
                        + (this.classNames.size() - 1));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The file of sample {@code index}. */
    public Path path(int index) {
        return Path.of(paths[index]);
    }

    /** Where sample {@code index} was declared ("list.txt line 7", "train2018.json images[3]", a folder). */
    public String origin(int index) {
        return origins[index];
    }

    /** The samples at {@code indices}, in that order. */
    public ImageFiles subset(int[] indices, String subsetName) {
        String[] p = new String[indices.length];
        String[] o = new String[indices.length];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            p[i] = paths[indices[i]];
            o[i] = origins[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new ImageFiles(subsetName, p, o, l, classNames);
    }

    /** The same files with every label replaced by {@code map.newLabel(label)} and the classes reordered. */
    public ImageFiles relabelled(LabelMap map) {
        if (map.numClasses() != numClasses()) {
            throw new IllegalArgumentException(name + " has " + numClasses() + " classes, the map " + map.numClasses());
        }
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = map.newLabel(labels[i]);
        }
        List<String> names = new ArrayList<>(Arrays.asList(new String[numClasses()]));
        for (int old = 0; old < numClasses(); old++) {
            names.set(map.newLabel(old), classNames.get(old));
        }
        return new ImageFiles(name, paths, origins, l, names);
    }

    @Override
    public String toString() {
        return name + " [" + size() + " image files, " + numClasses() + " classes]";
    }
}
