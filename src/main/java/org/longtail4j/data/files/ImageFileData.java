package org.longtail4j.data.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.images.FileSampleMaker;

/**
 * An image-file dataset ready for a run: the training, validation (when the dataset has one) and test
 * files, with labels already in the run's order, the class groups, and the makers that turn files into
 * samples (decode + transforms, per batch on {@code workers} threads).
 *
 * @param validation null when the dataset has none (MiSLAS's Places-LT, iNaturalist 2018). The hook for
 *     choosing best epochs and sweep values on it (issue 11): when these datasets run through
 *     RecipeRunner, this list plays the part PreparedData.validation plays for the small datasets (an
 *     Evaluator over it next to the test one); data.validation_per_class stays 0 for them.
 * @param labelMap original label -&gt; run label (identity, or frequency-sorted)
 * @param originalClassNames class names under the files' own labels
 * @param originalTrainCounts training images per class under the files' own labels
 * @param description how the sets were made, for reports (lists, rewrite, hold-out, long-tail cut, label order)
 */
public record ImageFileData(
        ImageFiles train,
        ImageFiles validation,
        ImageFiles test,
        ClassGroups groups,
        LabelMap labelMap,
        List<String> originalClassNames,
        int[] originalTrainCounts,
        FileSampleMaker trainMaker,
        FileSampleMaker validationMaker,
        FileSampleMaker testMaker,
        int workers,
        String description) {

    public List<String> classNames() {
        return train.classNames();
    }

    /**
     * Writes what a run needs to read its results under both label sets into {@code runDir}:
     * {@code classes.tsv} (label, original label, class name, training count, group, one line per class in
     * the run's label order), {@code groups.txt} (the rule in words) and {@code data.txt} (how the sets
     * were made). Each file is written whole to a temporary name, then moved into place.
     */
    public void writeRunFiles(Path runDir) {
        int[] counts = train.classCounts();
        StringBuilder classes = new StringBuilder("label\toriginal_label\tclass_name\ttrain_count\tgroup\n");
        for (int label = 0; label < counts.length; label++) {
            classes.append(label).append('\t').append(labelMap.originalLabel(label)).append('\t')
                    .append(classNames().get(label)).append('\t').append(counts[label]).append('\t')
                    .append(groups.groupOf(label).toString().toLowerCase(Locale.ROOT)).append('\n');
        }
        write(runDir.resolve("classes.tsv"), classes.toString());
        write(runDir.resolve("groups.txt"), groups.rule() + "\n");
        write(runDir.resolve("data.txt"), description + "\ntrain " + train.size() + ", validation "
                + (validation == null ? "none" : validation.size()) + ", test " + test.size() + " images\n");
    }

    private static void write(Path file, String text) {
        Path temporary = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
