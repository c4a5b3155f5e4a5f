package org.longtail4j.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Locale;
import org.longtail4j.data.ClassGroups;

/**
 * Everything measured on one test pass.
 *
 * <p>All accuracies and the ECE are percentages (0..100), because the paper tables and the reference
 * code's logs are in percent; comparing 47.7 with 0.477 is the mistake this avoids. NaN means "nothing to
 * measure" (a class without test images, a group without classes) and is written as JSON null.
 *
 * <p>Serialises with a plain Jackson {@code ObjectMapper} to snake_case keys: samples, top1, top5, top5_k,
 * many, medium, few, ece, per_class, confusion, split, reliability.
 *
 * @param samples number of test samples N
 * @param top1 top-1 accuracy, %
 * @param top5 top-k accuracy with k = {@code top5K}, %
 * @param top5K the k of {@code top5}: min(5, C)
 * @param many mean per-class accuracy of the head classes, % (NaN if none has test images)
 * @param medium same for the medium classes
 * @param few same for the tail classes
 * @param ece expected calibration error over 15 equal-width bins of the top-1 confidence, in percent
 *     (100 x sum over bins |accuracy - confidence| * n_bin / N)
 * @param perClass top-1 accuracy of each class, %, indexed by label (NaN for a class without test images)
 * @param confusion C x C counts, row = true label, column = predicted label; empty (no rows) above
 *     EvaluationAccumulator.MAX_CONFUSION_CLASSES classes
 * @param split the class groups used for many/medium/few, with their rule
 * @param reliability the 15 confidence bins the ECE sums over, lowest first (the reliability diagram)
 * @param expertsPerImage the mean number of experts a routed prediction used per image (RIDE's router);
 *     null, and absent from the JSON, when every image used every branch
 */
@JsonPropertyOrder({"samples", "top1", "top5", "top5_k", "many", "medium", "few", "ece", "per_class", "confusion",
    "split", "reliability", "experts_per_image"})
public record EvaluationResult(
        @JsonProperty("samples") int samples,
        @JsonProperty("top1") double top1,
        @JsonProperty("top5") double top5,
        @JsonProperty("top5_k") int top5K,
        @JsonProperty("many") @JsonSerialize(using = NanAsNull.class) double many,
        @JsonProperty("medium") @JsonSerialize(using = NanAsNull.class) double medium,
        @JsonProperty("few") @JsonSerialize(using = NanAsNull.class) double few,
        @JsonProperty("ece") double ece,
        @JsonProperty("per_class") @JsonSerialize(contentUsing = NanAsNull.class) List<Double> perClass,
        @JsonProperty("confusion") int[][] confusion,
        @JsonProperty("split") ClassGroups split,
        @JsonProperty("reliability") List<ReliabilityBin> reliability,
        @JsonProperty("experts_per_image") @JsonInclude(JsonInclude.Include.NON_NULL) Double expertsPerImage) {

    public EvaluationResult {
        perClass = List.copyOf(perClass);
        reliability = List.copyOf(reliability);
        confusion = deepCopy(confusion);
    }

    /** A copy: the result stays as measured. */
    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    /** One line for logs: the headline figures and the group rule. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "top-1 %.2f%%, top-%d %.2f%%, many %.2f%% / medium %.2f%% / few %.2f%%, ECE %.2f%% (%d samples; %s)",
                top1, top5K, top5, many, medium, few, ece, samples, split.rule())
                + (expertsPerImage == null ? "" : String.format(Locale.ROOT, ", %.3f experts per image",
                        expertsPerImage));
    }

    private static int[][] deepCopy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
