package org.longtail4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;

/**
 * The re-training stages of the multi-branch methods train what the spec says and nothing else: ResLT + H2T
 * the branch BatchNorms and the shared linear layer (methods-multibranch.md 5.2), RIDE + H2T the experts'
 * cosine heads (3.3); both with the backbone frozen, and the transform asking for one fusing stream.
 */
class MultiBranchStagesTest {

    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 2, 2, 3};

    private static PairList<String, Parameter> trainable(String arch, String head, String method) {
        StageConfig config = new StageConfig();
        config.method = method;
        config.epochs = 1;
        config.batchSize = 4;
        config.transform = Map.of("type", "h2t", "p", 0.4);
        if (method.startsWith("reslt")) {
            // four classes: ResLT defines no groups for them (a mapping without type adjusts the preset's loss)
            config.loss = Map.of("medium_classes", 2, "tail_classes", 1);
        }
        TrainingMethod stage = StageComposer.compose("stage2", config, LABELS, ClassStatistics.of(4, 3, 2, 1), 0);
        NDManager manager = NDManager.newBaseManager();
        ImageClassifier model = Models.uninitialised(arch, true, head, 4, 30);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        stage.prepare(model);
        assertEquals(2, stage.epochOrders(0).size(), "the primary batch and H2T's fusing stream");
        return stage.trainable(model);
    }

    @Test
    void resltRetrainingTrainsTheBranchNormsAndTheLinearLayer() {
        PairList<String, Parameter> trained = trainable("resnet20", "reslt", "reslt-rt");
        for (Pair<String, Parameter> p : trained) {
            assertTrue(p.getKey().contains("head"), p.getKey());
        }
        // three BatchNorms (gamma, beta) and the linear layer (weight, bias)
        assertEquals(8, trained.size(), trained.keys().toString());
    }

    @Test
    void rideRetrainingTrainsTheExpertHeadsOnly() {
        PairList<String, Parameter> trained = trainable("ride-resnet20", "cosine", "ride-rt");
        assertEquals(3, trained.size(), "one cosine weight per expert: " + trained.keys());
        for (Pair<String, Parameter> p : trained) {
            assertTrue(p.getKey().contains("head") && p.getKey().contains("expert"), p.getKey());
        }
    }

    /**
     * The bbn preset composes from registered parts: an instance primary stream that drops the last short
     * batch and defines the epoch, and the bilateral mixing's reversed stream cut to its length, which
     * favours the rare classes (class probability proportional to 1 / n_c).
     */
    @Test
    void bbnPairsTheInstanceStreamWithAReversedOne() {
        StageConfig config = new StageConfig();
        config.method = "bbn";
        config.epochs = 2;
        config.batchSize = 4;
        TrainingMethod stage = StageComposer.compose("stage1", config, LABELS, ClassStatistics.of(4, 3, 2, 1), 0);
        java.util.List<int[]> orders = stage.epochOrders(0);
        assertEquals(2, orders.size(), "the primary batch and the reversed stream");
        assertEquals(8, orders.get(0).length, "10 samples, batches of 4, the last short one dropped");
        assertEquals(8, orders.get(1).length, "the reversed stream is paired with the primary batch by batch");
        int[] reversedCounts = new int[4];
        for (int epoch = 0; epoch < 50; epoch++) {
            for (int position : stage.epochOrders(epoch).get(1)) {
                reversedCounts[LABELS[position]]++;
            }
        }
        // P = (1/4, 1/3, 1/2, 1) / (25/12): class 3 about 0.48, class 0 about 0.12
        assertTrue(reversedCounts[3] > 2.5 * reversedCounts[0], java.util.Arrays.toString(reversedCounts));
        assertTrue(stage.describe().contains("reversed"), stage.describe());
    }

    /** Bilateral batches on a backbone with one input: refused at the stage's start, naming the fix. */
    @Test
    void bilateralBatchesNeedABranchInputBackbone() {
        StageConfig config = new StageConfig();
        config.method = "bbn";
        config.epochs = 2;
        config.batchSize = 4;
        TrainingMethod stage = StageComposer.compose("stage1", config, LABELS, ClassStatistics.of(4, 3, 2, 1), 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier plain = Models.uninitialised("resnet20", true, "linear", 4, 30);
            plain.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            org.longtail4j.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.longtail4j.BadInputException.class, () -> stage.prepare(plain));
            assertTrue(e.getMessage().contains("bbn-resnet32"), e.getMessage());
            ImageClassifier bbn = Models.uninitialised("bbn-resnet20", true, "bbn", 4, 30);
            bbn.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            stage.prepare(bbn);
        }
    }
}
