package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartRegistry;

/**
 * Class statistics the references leave undefined (a class without training images, every class equally
 * frequent) give finite losses and gradients, with the documented choices; labels of any numeric type and
 * shape [B, 1] work.
 */
class EdgeCasesTest {

    private static final int[] WITH_EMPTY_CLASS = {50, 0, 5};
    private static final double[][] COSINES = {{0.3, 0.1, 0.2}, {0.25, 0.2, 0.15}};

    @Test
    void aClassWithoutImagesGetsDocumentedConstants() {
        double[] w = ClassBalancedWeighting.weights(WITH_EMPTY_CLASS, 0.9999);
        assertEquals(0, w[1]);
        assertEquals(3, w[0] + w[2], 1e-12, "the classes with images still sum to C");
        assertArrayEquals(new double[] {0.5 * Math.pow(5 / 50.0, 0.25), 0.5, 0.5}, Ldam.margins(WITH_EMPTY_CLASS, 0.5), 1e-12);
        assertArrayEquals(new double[] {0, 1, 1}, GaussianCloudedLoss.amplitudes(WITH_EMPTY_CLASS), 1e-12);
    }

    @Test
    void everyLossIsFiniteWithAClassWithoutImages() {
        ClassStatistics classes = ClassStatistics.of(WITH_EMPTY_CLASS);
        for (PartRegistry.Entry<Loss> e : LossRegistry.LOSSES.entries()) {
            Map<String, Object> spec = switch (e.name()) {
                case "ce", "focal", "ldam" -> Map.of("type", e.name(), "weights", "cb");
                case "ride" -> Map.of("type", e.name(), "reweight_epoch", 0);
                case "reslt" -> Map.of("type", e.name(), "medium_classes", 2, "tail_classes", 1);
                default -> Map.of("type", e.name());
            };
            Loss loss = LossFixtures.branchLoss(spec, WITH_EMPTY_CLASS);
            try (NDManager manager = NDManager.newBaseManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = LossFixtures.matrix(manager, COSINES);
                x.setRequiresGradient(true);
                // three branches for the multi-branch losses (BBN's two); the others read the combined logits
                List<NDArray> branches = e.name().equals("bbn") ? List.of(x, x.mul(0.5f)) : List.of(x, x.mul(0.5f), x.neg());
                // the router loss reads router logits (two routers after three experts), here columns of x
                ModelOutput output = e.name().equals("ride-router") ? new ModelOutput(branches, x,
                        List.of(x.get(":, 0"), x.get(":, 1"))) : new ModelOutput(branches, x);
                NDArray value = loss.loss(output, Targets.of(LossFixtures.labels(manager, 2, 0)),
                        LossFixtures.step(classes, 0));
                collector.backward(value);
                assertTrue(Float.isFinite(value.getFloat()), e.name() + " " + value.getFloat());
                for (float g : x.getGradient().toFloatArray()) {
                    assertTrue(Float.isFinite(g), e.name() + " gradient " + g);
                }
            }
        }
    }

    @Test
    void balancedClassesNeedNoRatio() {
        int[] balanced = {20, 20, 20};
        assertArrayEquals(new double[] {0, 0, 0}, GaussianCloudedLoss.amplitudes(balanced), 0);
        assertArrayEquals(new double[] {0.4, 0.4, 0.4},
                LabelAwareSmoothing.epsilons(balanced, 0.4, 0.1, LabelAwareSmoothing.Shape.CONCAVE, 1), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, ClassBalancedWeighting.weights(balanced, 0.9999), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, Ldam.margins(balanced, 0.5), 1e-12);
    }

    @Test
    void labelsOfAnyTypeAndColumnShape() {
        LogitLoss ce = LossFixtures.loss("ce", 500, 100, 10);
        ClassStatistics classes = ClassStatistics.of(500, 100, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = LossFixtures.matrix(manager, COSINES);
            float expected = ce.loss(x, LossFixtures.labels(manager, 2, 0), LossFixtures.step(classes, 0)).getFloat();
            for (DataType type : new DataType[] {DataType.INT64, DataType.FLOAT32, DataType.UINT8}) {
                NDArray labels = LossFixtures.labels(manager, 2, 0).toType(type, false).reshape(2, 1);
                assertEquals(expected, ce.loss(x, labels, LossFixtures.step(classes, 0)).getFloat(), 0, type.toString());
            }
        }
    }
}
