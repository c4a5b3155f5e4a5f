package org.longtail4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link CosineHead} against fixtures/cosine_head/cosine_head.json (cosine_head_oracle.py: PyTorch
 * autograd in float64 of s * normalize(mean_hw x) . normalize(W)^T with eps 1e-12, methods-single.md
 * section 2): the logits and the gradients with respect to the feature maps and the class vectors, for a
 * random case, features and weights of very different lengths, and features shorter than eps. In float64
 * the head must agree to rounding; in float32, the precision it trains in, to float32's.
 */
class CosineHeadOracleTest {

    @TestFactory
    Stream<DynamicTest> forwardAndGradientsMatchTorch() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/cosine_head/cosine_head.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ", float64", () -> check(c, DataType.FLOAT64, 1e-9)));
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ", float32", () -> check(c, DataType.FLOAT32, 2e-5)));
        }
        return tests.stream();
    }

    /** Every value within {@code tolerance} of the largest magnitude in its array. */
    private static void check(JsonNode c, DataType type, double tolerance) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape xShape = shape(c.get("x_shape"));
            Shape wShape = shape(c.get("w_shape"));
            CosineHead head = new CosineHead((int) wShape.get(0), (float) c.get("scale").asDouble());
            head.initialize(manager, type, xShape);
            NDArray w = head.getParameters().get("weight").getArray();
            w.set(array(manager, c.get("w"), wShape, type).toByteBuffer());
            NDArray x = array(manager, c.get("x"), xShape, type);
            x.setRequiresGradient(true);
            NDArray g = array(manager, c.get("g"), new Shape(xShape.get(0), wShape.get(0)), type);
            ParameterStore ps = new ParameterStore(manager, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = head.forward(ps, new NDList(x), true).singletonOrThrow();
                assertEquals(type, logits.getDataType());
                assertClose("logits", c.get("logits"), logits, tolerance);
                collector.backward(logits.mul(g).sum());
            }
            assertClose("gradient of x", c.get("grad_x"), x.getGradient(), tolerance);
            assertClose("gradient of W", c.get("grad_w"), w.getGradient(), tolerance);
        }
    }

    private static void assertClose(String what, JsonNode expected, NDArray actual, double tolerance) {
        double[] ours = actual.toType(DataType.FLOAT64, false).toDoubleArray();
        assertEquals(expected.size(), ours.length, what);
        double largest = 0;
        for (JsonNode v : expected) {
            largest = Math.max(largest, Math.abs(v.asDouble()));
        }
        for (int i = 0; i < ours.length; i++) {
            double want = expected.get(i).asDouble();
            assertTrue(Math.abs(ours[i] - want) <= tolerance * largest,
                    what + "[" + i + "]: " + ours[i] + ", torch " + want + " (largest " + largest + ")");
        }
    }

    private static NDArray array(NDManager manager, JsonNode values, Shape shape, DataType type) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return manager.create(v, shape).toType(type, false);
    }

    private static Shape shape(JsonNode dims) {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).asLong();
        }
        return new Shape(s);
    }
}
