package org.longtail4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our transforms against torchvision 0.14.1 on PIL images, on fixtures made by
 * src/test/resources/fixtures/torchvision_transforms/oracle.py. Deterministic parts (given crop box,
 * resize, centre crop, each jitter operation for a given factor, normalisation) must match exactly;
 * random parts by the statistics of their draws.
 */
class TorchvisionTransformsTest {

    private static final String DIR = "/fixtures/torchvision_transforms/";
    private static JsonNode oracle;
    private static RgbImage a;
    private static RgbImage b;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TorchvisionTransformsTest.class.getResourceAsStream(DIR + "transforms.json")) {
            oracle = new ObjectMapper().readTree(in);
        }
        a = png("input_a.png");
        b = png("input_b.png");
    }

    static RgbImage png(String name) throws IOException {
        try (InputStream in = TorchvisionTransformsTest.class.getResourceAsStream(DIR + name)) {
            return new ImageIoDecoder().decode(in.readAllBytes());
        }
    }

    private static RgbImage image(JsonNode c) {
        return c.get("image").asText().equals("a") ? a : b;
    }

    private static byte[] bytes(JsonNode values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) values.get(i).asInt();
        }
        return out;
    }

    @Test
    void resizedCropOfAGivenBoxEqualsTorchvisionExactly() {
        for (JsonNode c : oracle.get("resized_crop")) {
            int top = c.get("top").asInt();
            int left = c.get("left").asInt();
            int h = c.get("height").asInt();
            int w = c.get("width").asInt();
            int outH = c.get("size").get(0).asInt();
            int outW = c.get("size").get(1).asInt();
            RgbImage ours = PilResample.resize(image(c).crop(new CropBox(top, left, h, w)), outW, outH);
            assertArrayEquals(bytes(c.get("pixels")), ours.rgb(), "resized crop " + c.get("image") + " box ("
                    + top + ", " + left + ", " + h + ", " + w + ") -> " + outW + "x" + outH);
        }
    }

    @Test
    void randomResizedCropAppliesItsBoxLikeTorchvision() {
        JsonNode c = oracle.get("resized_crop").get(0);
        RandomResizedCrop crop = new RandomResizedCrop(16);
        RgbImage ours = crop.apply(a, new CropBox(c.get("top").asInt(), c.get("left").asInt(), c.get("height").asInt(),
                c.get("width").asInt()));
        assertArrayEquals(bytes(c.get("pixels")), ours.rgb());
    }

    @Test
    void resizeThenCenterCropEqualsTorchvisionExactly() {
        for (JsonNode c : oracle.get("resize_center_crop")) {
            RgbImage ours = new ResizeCenterCrop(c.get("resize").asInt(), c.get("crop").asInt()).apply(image(c));
            assertArrayEquals(bytes(c.get("pixels")), ours.rgb(), "Resize(" + c.get("resize") + ") + CenterCrop("
                    + c.get("crop") + ") of " + c.get("image"));
        }
    }

    @Test
    void eachJitterOperationEqualsPilExactly() {
        for (JsonNode c : oracle.get("jitter")) {
            byte[] rgb = image(c).rgb().clone();
            float f = (float) c.get("factor").asDouble();
            switch (c.get("op").asText()) {
                case "brightness" -> ColorJitter.brightness(rgb, f);
                case "contrast" -> ColorJitter.contrast(rgb, f);
                default -> ColorJitter.saturation(rgb, f);
            }
            assertArrayEquals(bytes(c.get("pixels")), rgb, c.get("op") + " " + f + " on " + c.get("image"));
        }
    }

    @Test
    void normalisationEqualsToTensorThenNormalizeBitForBit() {
        JsonNode c = oracle.get("normalize");
        float[] out = new float[3 * b.width() * b.height()];
        new Normalisation(Normalisation.IMAGENET_MEAN, Normalisation.IMAGENET_STD).write(b, false, out, 0);
        JsonNode values = c.get("values");
        assertEquals(values.size(), out.length);
        for (int i = 0; i < out.length; i++) {
            assertEquals((float) values.get(i).asDouble(), out[i], 0f, "value " + i);
        }
    }

    @Test
    void fallbackBoxesEqualTorchvision() {
        for (JsonNode c : oracle.get("fallback")) {
            int w = c.get("width").asInt();
            int h = c.get("height").asInt();
            RandomResizedCrop crop = new RandomResizedCrop(224, c.get("scale").get(0).asDouble(),
                    c.get("scale").get(1).asDouble(), 3.0 / 4, 4.0 / 3);
            JsonNode box = c.get("box");
            CropBox ours = crop.box(w, h, new SplittableRandom(3));
            assertEquals(new CropBox(box.get(0).asInt(), box.get(1).asInt(), box.get(2).asInt(), box.get(3).asInt()),
                    ours, w + "x" + h);
        }
        assertEquals(new CropBox(0, 493, 10, 13), new RandomResizedCrop(224).box(1000, 10, new SplittableRandom(9)));
    }

    @Test
    void cropDrawsFollowTorchvisionsDistribution() {
        JsonNode d = oracle.get("rrc_draws");
        int w = d.get("width").asInt();
        int h = d.get("height").asInt();
        int n = d.get("n").asInt();
        RandomResizedCrop crop = new RandomResizedCrop(224);
        SplittableRandom random = new SplittableRandom(2026);
        double[][] v = new double[6][n];
        int[] hist = new int[10];
        for (int k = 0; k < n; k++) {
            CropBox box = crop.box(w, h, random);
            double area = (double) box.height() * box.width() / (w * h);
            v[0][k] = box.height();
            v[1][k] = box.width();
            v[2][k] = area;
            v[3][k] = Math.log((double) box.width() / box.height());
            v[4][k] = h - box.height() > 0 ? box.top() / (double) (h - box.height()) : 0.5;
            v[5][k] = w - box.width() > 0 ? box.left() / (double) (w - box.width()) : 0.5;
            hist[Math.min(9, (int) (area * 10))]++;
            assertTrue(box.top() >= 0 && box.left() >= 0 && box.top() + box.height() <= h && box.left() + box.width() <= w);
        }
        String[] names = {"h", "w", "area", "log_aspect", "rel_top", "rel_left"};
        for (int s = 0; s < names.length; s++) {
            JsonNode ref = d.get("stats").get(names[s]);
            double mean = 0;
            for (double x : v[s]) {
                mean += x / n;
            }
            double se = ref.get("std").asDouble() * Math.sqrt(2.0 / n);
            assertEquals(ref.get("mean").asDouble(), mean, 4 * se, names[s] + ": mean of " + n + " draws");
        }
        JsonNode refHist = d.get("stats").get("area_hist10");
        for (int bin = 0; bin < 10; bin++) {
            double p = refHist.get(bin).asDouble() / n;
            double se = Math.sqrt(2 * p * (1 - p) / n);
            assertEquals(p, hist[bin] / (double) n, 4 * se + 1e-9, "share of accepted area fraction in bin " + bin);
        }
    }

    @Test
    void jitterDrawsFollowTorchvisionsDistribution() {
        JsonNode d = oracle.get("jitter_draws");
        int n = d.get("n").asInt();
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4);
        SplittableRandom random = new SplittableRandom(7);
        double[] sum = new double[3];
        double[] min = {9, 9, 9};
        double[] max = {0, 0, 0};
        int[] first = new int[3];
        for (int k = 0; k < n; k++) {
            ColorJitter.Draw draw = jitter.draw(random);
            double[] f = {draw.brightness(), draw.contrast(), draw.saturation()};
            for (int i = 0; i < 3; i++) {
                sum[i] += f[i];
                min[i] = Math.min(min[i], f[i]);
                max[i] = Math.max(max[i], f[i]);
            }
            first[draw.order()[0]]++;
        }
        for (int i = 0; i < 3; i++) {
            double se = d.get("std").get(i).asDouble() * Math.sqrt(2.0 / n);
            assertEquals(d.get("mean").get(i).asDouble(), sum[i] / n, 4 * se, "mean factor " + i);
            assertTrue(min[i] >= 0.6 && max[i] <= 1.4, "factor " + i + " within [0.6, 1.4]");
            assertEquals(d.get("min").get(i).asDouble(), min[i], 0.01);
            assertEquals(d.get("max").get(i).asDouble(), max[i], 0.01);
            double p = d.get("first_op_counts").get(i).asDouble() / n;
            double se2 = Math.sqrt(2 * p * (1 - p) / n);
            assertEquals(p, first[i] / (double) n, 4 * se2, "share of images whose first operation is " + i);
        }
    }

    @Test
    void sizeRulesOfTheSpec() {
        ResizeCenterCrop test = new ResizeCenterCrop(256, 224);
        assertArrayEquals(new int[] {341, 256}, test.resizedSize(500, 375));
        assertArrayEquals(new int[] {256, 341}, test.resizedSize(375, 500));
        assertArrayEquals(new int[] {256, 300}, test.resizedSize(256, 300));
        // 257 rows: top = round(16.5) = 16 (ties to even), where Math.round would give 17
        RgbImage rows = new RgbImage(224, 257, new byte[3 * 224 * 257]);
        for (int y = 0; y < 257; y++) {
            rows.rgb()[3 * y * 224] = (byte) y;
        }
        RgbImage cropped = new ResizeCenterCrop(224, 224).apply(rows);
        assertEquals(16, cropped.at(0, 0, 0));
    }
}
