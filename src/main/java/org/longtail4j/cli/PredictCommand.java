package org.longtail4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.longtail4j.inference.RunPredictor;
import org.longtail4j.reports.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify image files with a trained run: the top classes with their probabilities.",
            "Uses the run's last stage (last checkpoint) with that stage's prediction (e.g. post-hoc logit"
                + " adjustment) and the dataset's test-time transform. Fashion-MNIST and CIFAR runs take images of"
                + " the dataset's size (28 x 28 gray, 32 x 32 colour).",
            "Example: longtail predict --run runs/my-photos photo1.jpg photo2.png --top 3"})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run folder made by train or demo.")
    Path run;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Classes listed per image (default 5).")
    int top;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (PNG, JPEG, ...).")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        RunPredictor.Result result = RunPredictor.predict(run, images, top);
        if (json) {
            System.out.print(Json.pretty(result));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s: %s (%s), prediction %s%n", result.run(), result.stage(), result.checkpoint(),
                result.prediction());
        for (RunPredictor.ImageScores image : result.images()) {
            System.out.println(image.image());
            int rank = 1;
            for (RunPredictor.Ranked r : image.top()) {
                System.out.printf(Locale.ROOT, "  %d. %-24s %7.3f%%  (label %d)%n", rank++, r.className(),
                        100 * r.probability(), r.label());
            }
        }
        return 0;
    }
}
