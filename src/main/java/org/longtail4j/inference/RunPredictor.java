package org.longtail4j.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.HostBatch;
import org.longtail4j.data.ImageDataset;
import org.longtail4j.data.SampleMaker;
import org.longtail4j.data.files.ImageFileSources;
import org.longtail4j.data.files.ImageFiles;
import org.longtail4j.data.images.Decoders;
import org.longtail4j.data.images.ImageDecoder;
import org.longtail4j.data.images.RgbImage;
import org.longtail4j.data.images.TruncationCheck;
import org.longtail4j.reports.Json;
import org.longtail4j.training.EngineSetup;
import org.longtail4j.training.RestoredModel;

/**
 * Applies a trained run to image files: the run's last stage (its last checkpoint) with that stage's
 * prediction (plain logits, or e.g. post-hoc logit adjustment), each image made into a sample exactly as
 * the run's test set was (image files: Resize + CenterCrop + normalisation, torchvision's rules;
 * Fashion-MNIST and CIFAR: an image file of the dataset's own size, 28 x 28 gray or 32 x 32 colour, only
 * normalised), and the softmax of the scores ranked.
 *
 * <p>Everything comes from the run folder (config.yaml, split.json for the class names and training
 * counts, the checkpoint): the training data need not be present.
 */
public final class RunPredictor {

    /** One class of an image's ranking. */
    public record Ranked(int label, String className, double probability) {}

    /** The top classes of one image, most probable first. */
    public record ImageScores(String image, List<Ranked> top) {}

    /** What was applied and what it gave. */
    public record Result(String run, String stage, String checkpoint, String prediction, List<ImageScores> images) {}

    private static final int CHUNK = 32;

    private RunPredictor() {}

    /**
     * @param images image files (PNG, JPEG, ...); each must exist and decode
     * @param top how many classes to list per image (at most the number of classes)
     */
    public static Result predict(Path runDir, List<Path> images, int top) {
        if (top < 1) {
            throw new BadInputException("--top is " + top + ", expected a whole number of at least 1");
        }
        if (images.isEmpty()) {
            throw new BadInputException("predict needs at least one IMAGE file");
        }
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new BadInputException("image " + image + ": no such file");
            }
        }
        Restored run = restore(runDir);
        SampleMaker maker = maker(run.config().data, images, run.names(), run.shape());
        int[] shape = run.shape();
        int classes = run.names().size();
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(run.config().runtime))) {
            RestoredModel restored = run.load(manager);
            ParameterStore parameters = new ParameterStore(manager, false);
            List<ImageScores> scored = new ArrayList<>();
            int k = Math.min(top, classes);
            int floats = shape[0] * shape[1] * shape[2];
            for (int from = 0; from < images.size(); from += CHUNK) {
                int n = Math.min(CHUNK, images.size() - from);
                float[] pixels = new float[n * floats];
                for (int b = 0; b < n; b++) {
                    maker.write(from + b, null, pixels, b * floats);
                }
                HostBatch batch = new HostBatch(pixels, new int[n], new int[n], shape[0], shape[1], shape[2]);
                float[] probabilities;
                try (NDManager step = manager.newSubManager()) {
                    NDArray scores = restored.prediction().scores(
                            restored.model().output(parameters, batch.images(step), false));
                    probabilities = scores.softmax(1).toFloatArray();
                }
                for (int b = 0; b < n; b++) {
                    scored.add(new ImageScores(images.get(from + b).toString(),
                            ranked(probabilities, b * classes, classes, k, run.names())));
                }
            }
            return new Result(runDir.toString(), restored.stage(), restored.checkpoint(), restored.prediction().describe(),
                    scored);
        }
    }

    /**
     * What a run folder holds for applying its model: the saved config, its last stage with a last
     * checkpoint, the class names and training counts (split.json), the sample shape.
     */
    record Restored(Path runDir, RunConfig config, String stage, List<String> names, int[] counts, int[] shape) {

        /** The model as the stage left it, with the stage's prediction. */
        RestoredModel load(NDManager manager) {
            // The stages' samplers are composed over training labels; applying the model draws no batch, so
            // labels with the recorded counts stand in for the training set.
            int[] labels = IntStream.range(0, counts.length).flatMap(c -> IntStream.range(0, counts[c]).map(i -> c))
                    .toArray();
            return RestoredModel.load(runDir, config, stage, false, labels,
                    new ClassStatistics(counts, null), shape[0], shape[1], shape[2], manager);
        }
    }

    static Restored restore(Path runDir) {
        RunConfig config = RestoredModel.config(runDir, null);
        String stage = RestoredModel.chooseStage(runDir, config, null, false);
        Map<String, Object> split = readSplit(runDir);
        List<String> names = strings(split.get("class_names"), runDir);
        int[] counts = ints(split.get("class_counts"), runDir);
        if (names.size() != counts.length) {
            throw new BadInputException(runDir.resolve("split.json") + ": " + names.size() + " class names but "
                    + counts.length + " class counts");
        }
        EngineSetup.threads(config.runtime);
        return new Restored(runDir, config, stage, names, counts, sampleShape(config.data));
    }

    private static List<Ranked> ranked(float[] probabilities, int offset, int classes, int k, List<String> names) {
        return IntStream.range(0, classes).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -probabilities[offset + c]).thenComparingInt(c -> c))
                .limit(k).map(c -> new Ranked(c, names.get(c), probabilities[offset + c])).toList();
    }

    /** Channels, height and width of the run's samples. */
    private static int[] sampleShape(RunConfig.DataConfig data) {
        return switch (data.dataset) {
            case "fashion-mnist" -> new int[] {1, 28, 28};
            case "cifar10", "cifar100" -> new int[] {3, 32, 32};
            default -> new int[] {3, data.imageSize, data.imageSize};
        };
    }

    private static SampleMaker maker(RunConfig.DataConfig data, List<Path> images, List<String> names, int[] shape) {
        String[] paths = images.stream().map(Path::toString).toArray(String[]::new);
        String[] origins = new String[paths.length];
        Arrays.setAll(origins, i -> "IMAGE argument " + (i + 1));
        boolean files = RunConfig.DataConfig.IMAGE_FILE_DATASETS.contains(data.dataset);
        ImageDecoder decoder = Decoders.named(files ? data.decoder : "auto", "data.decoder");
        // Decoded once here so that an unreadable image is named as the argument it is (the sample maker
        // would name it as a dataset file).
        List<RgbImage> decoded = new ArrayList<>();
        for (Path image : images) {
            decoded.add(decode(image, decoder));
        }
        if (files) {
            return ImageFileSources.testMaker(data, new ImageFiles("predict", paths, origins, new int[paths.length], names));
        }
        // Fashion-MNIST and CIFAR: the image as the dataset holds its images (bytes, channel-major), then
        // the run's test-time normalisation.
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        byte[] pixels = new byte[images.size() * c * h * w];
        for (int i = 0; i < images.size(); i++) {
            RgbImage rgb = decoded.get(i);
            if (rgb.width() != w || rgb.height() != h) {
                throw new BadInputException("image " + images.get(i) + " is " + rgb.width() + " x " + rgb.height()
                        + "; a " + data.dataset + " run takes " + w + " x " + h + (c == 1 ? " grayscale" : " colour")
                        + " images, as the dataset's own");
            }
            int base = i * c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (c == 1) {
                        // PIL's convert("L"): ITU-R 601-2 luma in 16-bit fixed point; a gray image stays as it is
                        int luma = (rgb.at(x, y, 0) * 19595 + rgb.at(x, y, 1) * 38470 + rgb.at(x, y, 2) * 7471
                                + 0x8000) >> 16;
                        pixels[base + y * w + x] = (byte) luma;
                    } else {
                        for (int ch = 0; ch < 3; ch++) {
                            pixels[base + ch * h * w + y * w + x] = (byte) rgb.at(x, y, ch);
                        }
                    }
                }
            }
        }
        ImageDataset set = new ImageDataset("predict", pixels, new int[images.size()], c, h, w, names);
        return DataSources.testAugmentation(data).maker(set);
    }

    private static RgbImage decode(Path image, ImageDecoder decoder) {
        try {
            byte[] bytes = Files.readAllBytes(image);
            TruncationCheck.check(bytes);
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("image " + image + " cannot be read: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private static Map<String, Object> readSplit(Path runDir) {
        Path file = runDir.resolve("split.json");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("run folder " + runDir + " has no split.json (the class names and counts)");
        }
        try {
            return Json.readMap(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Object value, Path runDir) {
        if (!(value instanceof List<?> list)) {
            throw new BadInputException(runDir.resolve("split.json") + ": no class_names list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static int[] ints(Object value, Path runDir) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof Number)) {
            throw new BadInputException(runDir.resolve("split.json") + ": no class_counts list of numbers");
        }
        return list.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }
}
