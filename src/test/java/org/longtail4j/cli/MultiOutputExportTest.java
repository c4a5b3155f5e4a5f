package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.export.ExportExample;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.reports.Json;
import org.longtail4j.testing.RandomCifarPicture;
import org.longtail4j.training.RestoredModel;

/**
 * {@code longtail export} of the multi-output models (ResLT's three branches, RIDE's three experts, BBN's
 * two branches) on smoke-trained CIFAR-100-LT runs of the shipped recipes: DJL's Criteria loads each folder,
 * through the docs' example and as a raw network, and its output is our evaluation's combined logits (the
 * ones top-1 is computed from) on a fixed image, not one branch's. And an LWS run: its class scales, added
 * after the head by the re-training stage, travel with the export.
 */
class MultiOutputExportTest {

    @TempDir
    static Path dir;
    private static Path cifar100;
    private static Path image;
    private static float[] normalised;

    @BeforeAll
    static void writeData() throws IOException {
        cifar100 = TinyCifar.write100(dir.resolve("cifar-100-binary"), 100, 1);
        RandomCifarPicture picture = RandomCifarPicture.write(dir.resolve("image.png"), 10);
        image = picture.png();
        normalised = picture.normalised();
    }

    private static Path smokeRun(String row) {
        Path run = dir.resolve("run-" + row);
        TinyFashionMnist.Run train = TinyFashionMnist.execute("train", "--config",
                "configs/cifar100-lt/ir100-" + row + ".yaml", "--smoke", "--data", cifar100.toString(), "--out",
                run.toString(), "--set", "eval.batch_size=50", "--set", "runtime.prefetch=0",
                "--set", "data.cifar_train_images=10000", "--set", "data.cifar_test_images=100");
        assertEquals(0, train.exitCode(), train.out());
        return run;
    }

    /** Our own model output for the fixed image: the run's last checkpoint, as eval and predict restore it. */
    @SuppressWarnings("unchecked")
    private static float[][] ourOutput(Path run) throws IOException {
        RunConfig config = RestoredModel.config(run, null);
        Map<String, Object> split = Json.readMap(run.resolve("split.json"));
        int[] counts = ((List<Number>) split.get("class_counts")).stream().mapToInt(Number::intValue).toArray();
        int[] labels = IntStream.range(0, counts.length).flatMap(c -> IntStream.range(0, counts[c]).map(i -> c))
                .toArray();
        try (NDManager manager = NDManager.newBaseManager()) {
            String stage = RestoredModel.chooseStage(run, config, null, false);
            RestoredModel restored = RestoredModel.load(run, config, stage, false, labels,
                    new ClassStatistics(counts, null), 3, 32, 32, manager);
            ModelOutput output = restored.model().output(new ParameterStore(manager, false),
                    manager.create(normalised, new Shape(1, 3, 32, 32)), false);
            float[][] out = new float[output.branches().size() + 1][];
            out[0] = restored.prediction().scores(output).toFloatArray();
            for (int b = 0; b < output.branches().size(); b++) {
                out[b + 1] = output.branches().get(b).toFloatArray();
            }
            return out;
        }
    }

    /** The exported network's raw output for the fixed image, loaded with DJL alone. */
    private static float[] exportedLogits(Path exported) throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(exported).optTranslator(new NoopTranslator()).build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray input = model.getNDManager().create(normalised, new Shape(1, 3, 32, 32));
            NDList out = predictor.predict(new NDList(input));
            assertEquals(1, out.size(), "the export returns one array, the combined logits");
            assertEquals(new Shape(1, 100), out.get(0).getShape());
            return out.get(0).toFloatArray();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reslt", "ride", "bbn"})
    void exportGivesTheCombinedLogits(String row) throws Exception {
        float[][] ours = exportAndCompare(row);
        assertEquals(row.equals("bbn") ? 3 : 4, ours.length, "branches + combined");
        // the check tells the combination from any one branch
        for (int b = 1; b < ours.length; b++) {
            double far = 0;
            for (int c = 0; c < 100; c++) {
                far = Math.max(far, Math.abs(ours[b][c] - ours[0][c]));
            }
            assertTrue(far > 1e-2, row + ": branch " + b + " is within " + far + " of the combined logits");
        }
    }

    /** A stage that adds parameters after the head (LWS's class scales) is exported with them. */
    @Test
    void exportCarriesLearnedWeightScaling() throws Exception {
        float[][] ours = exportAndCompare("lws");
        assertEquals(2, ours.length, "one head, whose logits are the combined ones");
        org.junit.jupiter.api.Assertions.assertArrayEquals(ours[0], ours[1]);
    }

    /**
     * Smoke-trains the CIFAR-100-LT recipe {@code row}, exports it with the command line and checks DJL's
     * output of the export against ours.
     *
     * @return our scores (the combined logits), then each branch's logits
     */
    private static float[][] exportAndCompare(String row) throws Exception {
        Path run = smokeRun(row);
        Path exported = dir.resolve("exported-" + row);
        TinyFashionMnist.Run export = TinyFashionMnist.execute("export", "--run", run.toString(), "--out",
                exported.toString());
        assertEquals(0, export.exitCode(), export.out());

        float[][] ours = ourOutput(run);
        float[] combined = ours[0];
        float[] logits = exportedLogits(exported);
        for (int c = 0; c < 100; c++) {
            assertEquals(combined[c], logits[c], 1e-4 * Math.max(1, Math.abs(combined[c])), row + " logit " + c);
        }
        Classifications result = ExportExample.classify(exported, image);
        double[] probabilities = softmax(combined);
        for (int c = 0; c < 100; c++) {
            assertEquals(probabilities[c], result.get("class" + c).getProbability(), 1e-5, row + " class " + c);
        }
        return ours;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
