package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SplittableRandom;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

/** Test helpers: the oracle fixture, losses built from config maps, and matrices as float32 arrays. */
final class LossFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private LossFixtures() {}

    /** fixtures/losses/losses.json, written by losses_oracle.py beside it. */
    static JsonNode oracle() {
        return read("/fixtures/losses/losses.json");
    }

    /** fixtures/losses/multibranch.json, written by multibranch_oracle.py beside it. */
    static JsonNode multiBranchOracle() {
        return read("/fixtures/losses/multibranch.json");
    }

    /** fixtures/losses/bbn.json, written by bbn_oracle.py beside it. */
    static JsonNode bbnOracle() {
        return read("/fixtures/losses/bbn.json");
    }

    private static JsonNode read(String resource) {
        try (InputStream in = LossFixtures.class.getResourceAsStream(resource)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PartContext context(int... counts) {
        return context("loss", counts);
    }

    static PartContext context(String key, int... counts) {
        return new PartContext(key, ClassStatistics.of(counts), new RandomStreams(7, "stage1"), 200);
    }

    static LossContext step(ClassStatistics classes, int epoch) {
        return new LossContext(classes, epoch, 200, new SplittableRandom(11));
    }

    /** A loss from its config mapping (or name), as a stage's {@code loss:} key would give it. */
    static LogitLoss loss(Object spec, int... counts) {
        return (LogitLoss) LossRegistry.LOSSES.bind("loss", spec).create(context(counts));
    }

    /** A loss over model outputs (RIDE, ResLT) from its config mapping or name. */
    static Loss branchLoss(Object spec, int... counts) {
        return LossRegistry.LOSSES.bind("loss", spec).create(context(counts));
    }

    static LogitLoss loss(Map<String, Object> spec, int... counts) {
        return loss((Object) spec, counts);
    }

    static NDArray matrix(NDManager manager, double[][] rows) {
        int columns = rows[0].length;
        float[] values = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = (float) rows[i][j];
            }
        }
        return manager.create(values, new Shape(rows.length, columns));
    }

    static NDArray matrix(NDManager manager, JsonNode rows) {
        return matrix(manager, MAPPER.convertValue(rows, double[][].class));
    }

    static NDArray labels(NDManager manager, int... labels) {
        return manager.create(labels);
    }

    static NDArray labels(NDManager manager, JsonNode labels) {
        return labels(manager, MAPPER.convertValue(labels, int[].class));
    }

    static int[] ints(JsonNode node) {
        return MAPPER.convertValue(node, int[].class);
    }
}
