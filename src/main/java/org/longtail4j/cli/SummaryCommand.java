package org.longtail4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.longtail4j.config.RunConfig;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.ModelSummary;
import org.longtail4j.models.Models;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print a config's model: its blocks, outputs and parameter counts.",
            "The backbone's and head's blocks with their parameter counts, the backbone's map(s), the head's",
            "outputs and the total. No data are read: classes and image",
            "size come from data.dataset (and data.num_classes, data.image_size for image-file datasets).",
            "Counts are trainable parameters (BatchNorm running statistics left out), as the specs count.",
            "Example:",
            "  longtail summary --config configs/cifar100-lt/ir100-ride.yaml"})
final class SummaryCommand implements Callable<Integer> {

    @ArgGroup(exclusive = false)
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() {
        RunConfig config = options.load();
        Input input = Input.of(config.data);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = Models.create(config.model, input.classes(), input.channels(), input.size(),
                    input.size(), manager);
            Shape in = new Shape(1, input.channels(), input.size(), input.size());
            Shape[] maps = model.backbone().getOutputShapes(new Shape[] {in});
            Shape[] logits = model.head().getOutputShapes(maps);
            StringBuilder out = new StringBuilder();
            out.append(String.format("model: %s + %s head, %d classes, input %s%n", config.model.arch,
                    config.model.head, input.classes(), in));
            int width = ModelSummary.parts(model).stream().mapToInt(p -> p.name().length()).max().orElse(10);
            for (ModelSummary.Part p : ModelSummary.parts(model)) {
                out.append(String.format("  %-" + width + "s %,12d%n", p.name(), p.parameters()));
            }
            out.append(String.format("backbone output: %d map(s) %s%n", maps.length, Arrays.toString(maps)));
            out.append(String.format("head output: %s%n", logits.length == 1 ? logits[0]
                    : (logits.length - 1) + " branch logits " + logits[0] + " and their combination"));
            out.append(String.format("trainable parameters: %,d%n", ModelSummary.parameters(model)));
            System.out.print(out);
        }
        return 0;
    }

    /** Classes and image size of a dataset, from the config alone. */
    private record Input(int classes, int channels, int size) {
        static Input of(RunConfig.DataConfig data) {
            return switch (data.dataset) {
                case "fashion-mnist" -> new Input(10, 1, 28);
                case "cifar10" -> new Input(10, 3, 32);
                case "cifar100" -> new Input(100, 3, 32);
                default -> new Input(data.numClasses > 0 ? data.numClasses : switch (data.dataset) {
                    case "imagenet-lt" -> 1000;
                    case "places-lt" -> 365;
                    case "inaturalist2018" -> 8142;
                    default -> throw new org.longtail4j.BadInputException("summary: data.dataset " + data.dataset
                            + " takes its classes from its files; give data.num_classes");
                }, 3, data.imageSize);
            };
        }
    }
}
