package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays what real torch.optim.SGD did (fixtures/pytorch_sgd_oracle.json, written by the script
 * beside it) through PytorchSgd: same initial weights, gradients and changing learning rates, same
 * weights after every step.
 */
class PytorchSgdOracleTest {

    /**
     * Relative to the largest weight of the tensor, not element by element: torch computes
     * {@code w - lr * d} as one fused multiply-add while DJL's kernels round twice, so an element
     * that nearly cancels can differ by about one float32 ulp of its neighbours' magnitude.
     */
    private static final double RELATIVE_TOLERANCE = 1e-6;

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in =
                PytorchSgdOracleTest.class.getResourceAsStream("/fixtures/pytorch_sgd_oracle.json")) {
            JsonNode fixture = new ObjectMapper().readTree(in);
            return StreamSupport.stream(fixture.get("cases").spliterator(), false)
                    .map(oracle -> Arguments.of(oracle.get("name").asText(), oracle));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPytorch(String name, JsonNode oracle) {
        try (NDManager manager = NDManager.newBaseManager();
                PytorchSgd sgd =
                        new PytorchSgd(
                                oracle.get("momentum").asDouble(),
                                oracle.get("weight_decay").asDouble(),
                                oracle.get("nesterov").asBoolean())) {
            PairList<String, Parameter> params = new PairList<>();
            for (Iterator<String> names = oracle.get("shapes").fieldNames(); names.hasNext(); ) {
                String param = names.next();
                long[] shape = longs(oracle.get("shapes").get(param));
                float[] initial = floats(oracle.get("initial").get(param));
                params.add(param, Gradients.parameter(manager, param, initial, new Shape(shape)));
            }
            int step = 0;
            for (JsonNode expected : oracle.get("steps")) {
                Map<String, float[]> gradients = new HashMap<>();
                expected.get("gradients")
                        .fields()
                        .forEachRemaining(e -> gradients.put(e.getKey(), floats(e.getValue())));
                Gradients.accumulate(params, gradients);
                sgd.step(params, expected.get("lr").asDouble());
                step++;
                for (String param : params.keys()) {
                    float[] want = floats(expected.get("weights").get(param));
                    float[] got = params.get(param).getArray().toFloatArray();
                    assertEquals(want.length, got.length);
                    double largest = 0;
                    for (float w : want) {
                        largest = Math.max(largest, Math.abs(w));
                    }
                    for (int i = 0; i < want.length; i++) {
                        assertTrue(
                                Math.abs(got[i] - want[i]) <= RELATIVE_TOLERANCE * largest,
                                name + " step " + step + " " + param + "[" + i
                                        + "]: torch " + want[i] + ", PytorchSgd " + got[i]);
                    }
                }
            }
        }
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(JsonNode values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong();
        }
        return out;
    }
}
