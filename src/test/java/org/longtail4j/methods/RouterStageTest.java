package org.longtail4j.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.models.Models;

/**
 * RIDE's router stage (method ride-router, methods-multibranch.md 2.4) composes from registered parts:
 * it trains the routers and nothing else, its prediction routes samples expert by expert, and its k_top
 * is checked against the class count before anything trains.
 */
class RouterStageTest {

    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 2, 2, 3};
    private static final ClassStatistics CLASSES = ClassStatistics.of(4, 3, 2, 1);

    private static StageConfig stage(String method, Map<String, Object> edits) {
        StageConfig config = new StageConfig();
        config.method = method;
        config.epochs = 1;
        config.batchSize = 4;
        config.edits = edits;
        return config;
    }

    private static ImageClassifier rideModel(NDManager manager) {
        ImageClassifier model = Models.uninitialised("ride-resnet20", true, "cosine", 4, 30);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        return model;
    }

    @Test
    void theRouterStageTrainsTheRoutersOnlyAndTheModelThenRoutes() {
        TrainingMethod stage = StageComposer.compose("router", stage("ride-router", Map.of("add-router",
                Map.of("k_top", 2))), LABELS, CLASSES, 0);
        assertEquals("ride-router (frozen BN, frozen head, router (k_top 2))", stage.describe());
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = rideModel(manager);
            stage.prepare(model);
            PairList<String, Parameter> trained = stage.trainable(model);
            // hidden1, hidden2 (Linear(48 -> 16), weight and bias) and the shared Linear(2 + 16 -> 1)
            assertEquals(6, trained.size(), trained.keys().toString());
            long count = 0;
            for (Pair<String, Parameter> p : trained) {
                assertTrue(p.getKey().contains("router_"), p.getKey());
                count += p.getValue().getArray().size();
            }
            assertEquals(2 * (48 * 16 + 16) + (2 + 16 + 1), count);
            ModelOutput out = model.output(new ParameterStore(manager, false),
                    manager.randomUniform(0, 1, new Shape(5, 3, 16, 16)), false);
            assertEquals(3, out.branches().size());
            assertEquals(2, out.routing().size(), "a router after experts 1 and 2");
            assertEquals(new Shape(5), out.routing().get(0).getShape());
            NDArray used = stage.prediction().expertsUsed(out);
            for (float u : used.toFloatArray()) {
                assertTrue(u >= 1 && u <= 3, "experts used " + u);
            }
        }
    }

    /**
     * Samples: 0 stops after expert 1; 1 goes on to all three; 2 has a router logit of exactly 0
     * (sigmoid 0.5, not above it) and stops; 3 goes on once; 4 would go on at router 2 but router 1 already
     * stopped it.
     */
    @Test
    void theRoutedPredictionAveragesTheExpertsEachSampleUsed() {
        float[][] z1 = {{4, 0, 0}, {0, 3, 0}, {1, 1, 1}, {0, 0, 6}, {2, 2, 0}};
        float[][] z2 = {{0, 8, 0}, {0, 0, 3}, {5, 0, 0}, {6, 0, 0}, {0, 0, 9}};
        float[][] z3 = {{0, 0, 8}, {3, 0, 0}, {0, 5, 0}, {0, 6, 0}, {9, 0, 0}};
        float[] r1 = {-2, 3, 0, 1, -0.5f};
        float[] r2 = {5, 1, 5, -1, 4};
        Prediction routed = Predictions.PREDICTIONS.bind("prediction", "routed").create(null);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> experts = List.of(manager.create(z1), manager.create(z2), manager.create(z3));
            ModelOutput output = new ModelOutput(experts, experts.get(0), List.of(manager.create(r1),
                    manager.create(r2)));
            assertArrayEquals(new float[] {1, 3, 1, 2, 1}, routed.expertsUsed(output).toFloatArray());
            float[] scores = routed.scores(output).toFloatArray();
            float[][] want = {{4, 0, 0}, {1, 1, 1}, {1, 1, 1}, {3, 0, 3}, {2, 2, 0}};
            for (int b = 0; b < want.length; b++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(want[b][c], scores[b * 3 + c], 1e-6, "sample " + b + ", class " + c);
                }
            }
        }
    }

    @Test
    void aKTopAboveTheClassCountIsOneLineBeforeTraining() {
        BadInputException e = assertThrows(BadInputException.class, () -> StageComposer.compose("router",
                stage("ride-router", Map.of()), LABELS, CLASSES, 0));
        assertEquals("config key 'stages.router.edits.add-router.k_top' is 30, expected at most the number of "
                + "classes (4): a router reads the k_top largest of the 4 mean logits", e.getMessage());
        BadInputException zero = assertThrows(BadInputException.class, () -> StageComposer.compose("router",
                stage("ride-router", Map.of("add-router", Map.of("k_top", 0))), LABELS, CLASSES, 0));
        assertEquals("config key 'stages.router.edits.add-router.k_top' is 0, expected an integer >= 1",
                zero.getMessage());
    }

    @Test
    void theRoutedPredictionWithoutARouterFailsAtTheStageStart() {
        StageConfig config = stage("ride", Map.of());
        config.prediction = "routed";
        TrainingMethod stage = StageComposer.compose("stage1", config, LABELS, CLASSES, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = rideModel(manager);
            BadInputException e = assertThrows(BadInputException.class, () -> stage.prepare(model));
            assertEquals("prediction 'routed' needs RIDE's router: add edits: {add-router: {}} to this stage or an "
                    + "earlier one (method ride-router)", e.getMessage());
            assertNull(model.router());
        }
    }

    @Test
    void aModelWithoutExpertsTakesNoRouter() {
        TrainingMethod stage = StageComposer.compose("router", stage("ride-router", Map.of("add-router",
                Map.of("k_top", 2))), LABELS, CLASSES, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = Models.uninitialised("resnet20", true, "linear", 4, 30);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            BadInputException e = assertThrows(BadInputException.class, () -> stage.prepare(model));
            assertEquals("edit add-router needs a model with several experts (model.arch ride-resnet32 with head "
                    + "cosine or linear)", e.getMessage());
        }
    }

    /** The router's initial values come from the stage's stream: the same seed and stage draw the same router. */
    @Test
    void theRouterIsDrawnFromTheStagesStream() {
        float[][] first = new float[2][];
        for (int run = 0; run < 2; run++) {
            TrainingMethod stage = StageComposer.compose("router", stage("ride-router", Map.of("add-router",
                    Map.of("k_top", 2))), LABELS, CLASSES, 5);
            try (NDManager manager = NDManager.newBaseManager()) {
                ImageClassifier model = rideModel(manager);
                manager.getEngine().setRandomSeed(run); // what the engine draws does not matter
                stage.prepare(model);
                assertNotNull(model.router());
                first[run] = model.router().getParameters().valueAt(0).getArray().toFloatArray();
            }
        }
        assertArrayEquals(first[0], first[1]);
        float bound = (float) (1 / Math.sqrt(48));
        for (float w : first[0]) {
            assertTrue(Math.abs(w) <= bound, "uniform in +-1/sqrt(48): " + w);
        }
    }
}
