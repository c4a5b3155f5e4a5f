package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.models.CifarResNet;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;

/** Parameter groups by learning-rate factor, as MiSLAS trains its classifier at 0.2 x lr and its scales at lr. */
class LrGroupsTest {

    @Test
    void theClassifierAndTheScalesTrainAtTheirOwnRates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = new ImageClassifier(new CifarResNet(8), new LinearHead(3));
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            model.backbone().freezeParameters(true);
            model.addLogitScale();
            PairList<String, Parameter> trainable = new PairList<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable.add(p);
                }
            }
            List<LrGroups.Group> groups = LrGroups.of(model, trainable, Map.of("head", 0.2));
            assertEquals(2, groups.size());
            assertEquals(0.2, groups.get(0).factor());
            assertEquals(2, groups.get(0).parameters().size(), "head weight and bias");
            assertEquals(1.0, groups.get(1).factor());
            assertEquals(1, groups.get(1).parameters().size(), "the scales");
            assertEquals(List.of(new LrGroups.Group(trainable, 1)), LrGroups.of(model, trainable, Map.of()),
                    "no factors: one group at the stage's rate");
        }
    }
}
