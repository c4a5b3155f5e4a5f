package org.longtail4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router's logits (top-k of the running mean logits, hidden layer on the normalised pooled map, shared
 * decision layer) against fixtures/router/router.json (router_oracle.py, float64 PyTorch nn.Linear modules and
 * torch.topk), with the oracle's weights loaded into the router by parameter name.
 */
class ExpertRouterOracleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void routerLogitsMatchTorch() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/router/router.json")) {
            fixture = MAPPER.readTree(in);
        }
        for (JsonNode c : fixture.get("forward")) {
            check(c);
        }
    }

    private static void check(JsonNode c) {
        int experts = c.get("maps").size();
        int kTop = c.get("k_top").asInt();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> maps = new ArrayList<>();
            List<NDArray> logits = new ArrayList<>();
            for (int k = 0; k < experts; k++) {
                maps.add(array(manager, c.get("maps").get(k)));
                logits.add(array(manager, c.get("logits").get(k)));
            }
            ExpertRouter router = new ExpertRouter(experts, kTop);
            router.initialize(manager, DataType.FLOAT32, maps.get(0).getShape());
            for (int i = 1; i < experts; i++) {
                set(router, "hidden" + i + "_weight", c.get("hidden_weights").get(i - 1));
                set(router, "hidden" + i + "_bias", c.get("hidden_biases").get(i - 1));
            }
            set(router, "decide_weight", c.get("shared_weight"));
            set(router, "decide_bias", c.get("shared_bias"));
            List<NDArray> out = router.route(new ParameterStore(manager, false), maps, logits, false);
            assertEquals(experts - 1, out.size());
            for (int i = 0; i < experts - 1; i++) {
                double[] want = MAPPER.convertValue(c.get("router_logits").get(i), double[].class);
                float[] got = out.get(i).toFloatArray();
                assertEquals(want.length, got.length);
                for (int b = 0; b < want.length; b++) {
                    assertEquals(want[b], got[b], 1e-4 * Math.max(1, Math.abs(want[b])),
                            c.get("name").asText() + ": router " + (i + 1) + ", sample " + b);
                }
            }
        }
    }

    private static void set(ExpertRouter router, String name, JsonNode values) {
        // DJL numbers child blocks ("01hidden1_weight"): find the parameter by its own name
        NDArray array = router.getParameters().stream().filter(p -> p.getKey().replaceFirst("^\\d+", "")
                .equals(name)).findFirst().orElseThrow(() -> new AssertionError("no parameter " + name + " in "
                        + router.getParameters().keys())).getValue().getArray();
        NDArray given = array(array.getManager(), values);
        assertEquals(array.getShape(), given.getShape(), name);
        array.set(given.toFloatArray());
    }

    /** A nested JSON list as a float32 array of its shape. */
    private static NDArray array(NDManager manager, JsonNode nested) {
        List<Long> dims = new ArrayList<>();
        for (JsonNode n = nested; n.isArray(); n = n.get(0)) {
            dims.add((long) n.size());
        }
        List<Float> flat = new ArrayList<>();
        flatten(nested, flat);
        float[] values = new float[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = flat.get(i);
        }
        return manager.create(values, new Shape(dims.stream().mapToLong(Long::longValue).toArray()));
    }

    private static void flatten(JsonNode node, List<Float> into) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, into));
        } else {
            into.add((float) node.asDouble());
        }
    }
}
