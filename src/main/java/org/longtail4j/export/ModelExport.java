package org.longtail4j.export;

import ai.djl.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.models.ImageClassifier;

/**
 * Writes a trained classifier as a folder that DJL's {@code Criteria} loads for inference with
 * nothing of this toolkit but its models package (docs/export.md): DJL's own parameter file
 * ({@code <folder name>-0000.params}), a {@code serving.properties} naming {@link ExportedClassifierFactory}
 * as block factory and DJL's ImageClassificationTranslatorFactory with the test-time preprocessing,
 * and {@code synset.txt} with the class names.
 *
 * <p>TorchScript cannot be produced from DJL blocks (DJL traces nothing), so the architecture is
 * rebuilt from its name. The preprocessing is DJL's: a resize to the training size (images of 64
 * pixels and more: shorter side to 256/224 of it, then a centre crop), then normalisation. DJL's
 * resize is not torchvision's pixel for pixel; {@code longtail predict} is the exact path.
 */
public final class ModelExport {

    private ModelExport() {}

    /**
     * @param model the trained classifier
     * @param config the run's model settings (architecture, head)
     * @param classNames one name per class, in label order
     * @param height training image height
     * @param width training image width
     * @param mean per-channel mean the training normalised with (0-1 scale)
     * @param std per-channel standard deviation
     * @param folder new folder to write; must not exist (written under a temporary name, then moved)
     */
    public static void write(ImageClassifier model, RunConfig.ModelConfig config, List<String> classNames, int height,
            int width, double[] mean, double[] std, Path folder) {
        if (Files.exists(folder)) {
            throw new BadInputException("export: " + folder + " already exists");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new BadInputException("export: DJL's image translator needs 3-channel normalisation, the model"
                    + " was trained on " + mean.length + "-channel images");
        }
        Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
        try {
            Files.createDirectories(partial);
            // DJL looks for <folder name>-0000.params when given only the folder
            String name = folder.getFileName().toString();
            try (Model djl = Model.newInstance(name)) {
                djl.setBlock(new ExportedClassifier(model));
                djl.save(partial, name);
            }
            Files.writeString(partial.resolve("synset.txt"), String.join("\n", classNames) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(partial.resolve("serving.properties"),
                    properties(config, model.logitScale() != null, classNames.size(), height, width, mean, std),
                    StandardCharsets.UTF_8);
            Files.move(partial, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("export to " + folder + " failed", e);
        }
    }

    private static String properties(RunConfig.ModelConfig config, boolean logitScale, int classes, int height,
            int width, double[] mean, double[] std) {
        StringBuilder p = new StringBuilder();
        p.append("# Written by longtail export: load with DJL Criteria (docs/export.md)\n");
        p.append("engine=PyTorch\n");
        p.append("blockFactory=").append(ExportedClassifierFactory.class.getName()).append('\n');
        p.append("translatorFactory=ai.djl.modality.cv.translator.ImageClassificationTranslatorFactory\n");
        p.append("arch=").append(config.arch).append('\n');
        p.append("head=").append(config.head).append('\n');
        p.append("cosineScale=").append(config.cosineScale).append('\n');
        p.append("channelsLast=").append(config.channelsLast).append('\n');
        if (logitScale) {
            // LWS / MiSLAS: the class scales a re-training stage added after the head
            p.append("logitScale=true\n");
        }
        p.append("classes=").append(classes).append('\n');
        p.append("width=").append(width).append('\n');
        p.append("height=").append(height).append('\n');
        if (Math.min(height, width) >= 64) {
            p.append("resizeShort=").append(Math.round(Math.min(height, width) * 256.0 / 224)).append('\n');
            p.append("centerCrop=true\n");
        } else {
            p.append("resize=true\n");
        }
        p.append("normalize=").append(join(mean)).append(',').append(join(std)).append('\n');
        p.append("applySoftmax=true\n");
        p.append("synsetFileName=synset.txt\n");
        return p.toString();
    }

    private static String join(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6f", v))
                .collect(Collectors.joining(","));
    }
}
