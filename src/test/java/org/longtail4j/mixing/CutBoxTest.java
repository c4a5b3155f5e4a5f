package org.longtail4j.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The box against fixtures/mixing/cut_box.json, which cut_box.py computes with numpy from the spec's
 * rand_bbox description and pastes with torch slicing.
 */
class CutBoxTest {

    /** methods-single.md section 7: lambda 0.6, centre (5, 20) on 32 x 32. */
    @Test
    void workedExample() {
        CutBox box = CutBox.around(0.6, 32, 32, 5, 20);
        assertEquals(new CutBox(0, 15, 10, 30, 32, 32), box);
        assertEquals(300, box.area());
        assertEquals(0.70703125, box.keptFraction(), 0);
        assertEquals(0.707031, box.keptFraction(), 5e-7);
    }

    /** An odd cut loses a pixel: lambda 0.99 gives cut 3 and a 2-pixel interval. */
    @Test
    void oddCut() {
        CutBox box = CutBox.around(0.99, 32, 32, 10, 10);
        assertEquals(new CutBox(9, 11, 9, 11, 32, 32), box);
    }

    @Test
    void againstTheNumpyAndTorchFixture() throws IOException {
        JsonNode cases;
        try (InputStream in = CutBoxTest.class.getResourceAsStream("/fixtures/mixing/cut_box.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertEquals(12, cases.size());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (JsonNode c : cases) {
                int h = c.get("height").asInt();
                int w = c.get("width").asInt();
                CutBox box = CutBox.around(c.get("lambda").asDouble(), h, w, c.get("centre_row").asInt(),
                        c.get("centre_col").asInt());
                String at = c.toString();
                assertEquals(c.get("rows").get(0).asInt(), box.rowFrom(), at);
                assertEquals(c.get("rows").get(1).asInt(), box.rowTo(), at);
                assertEquals(c.get("cols").get(0).asInt(), box.colFrom(), at);
                assertEquals(c.get("cols").get(1).asInt(), box.colTo(), at);
                assertEquals(c.get("kept").asDouble(), box.keptFraction(), 1e-15, at);

                int n = 2 * 3 * h * w;
                double[] background = new double[n];
                double[] foreground = new double[n];
                for (int i = 0; i < n; i++) {
                    background[i] = i / 7.0;
                    foreground[i] = -(i + 1.0);
                }
                Shape shape = new Shape(2, 3, h, w);
                try (NDArray bg = manager.create(background, shape);
                        NDArray fg = manager.create(foreground, shape);
                        NDArray pasted = box.paste(bg, fg)) {
                    double want = c.get("pasted_sum").asDouble();
                    assertEquals(want, pasted.sum().getDouble(), 1e-9 * Math.abs(want), at);
                    assertEquals(background[5], bg.toDoubleArray()[5], 0, "the background is not modified");
                }
            }
        }
    }

    /** The centre is drawn row first, then column, each uniform in [0, L). */
    @Test
    void drawTakesRowThenColumn() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SplittableRandom copy = new SplittableRandom(seed);
            int row = copy.nextInt(24);
            int col = copy.nextInt(40);
            assertEquals(CutBox.around(0.4, 24, 40, row, col), CutBox.draw(0.4, 24, 40, random));
            assertEquals(copy.nextLong(), random.nextLong(), "two draws, no more");
        }
    }
}
