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
}
