package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.longtail4j.util.Seeds;

/**
 * RIDE's random rotation ({@link NearestRotation}, {@link Augmentation} with degrees > 0) against
 * torchvision 0.14 on PIL images, on fixtures made by src/test/resources/fixtures/rotation/oracle.py:
 * the rotation for given angles and the whole crop, flip, rotate chain for given draws exactly, the
 * angle draws by their distribution.
 */
class RotationTest {

    private static JsonNode oracle;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = RotationTest.class.getResourceAsStream("/fixtures/rotation/rotation.json")) {
            oracle = new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asInt();
        }
        return out;
    }

    /** The fixture's image as a one-image dataset. */
    private static ImageDataset dataset(String name) {
        JsonNode image = oracle.get("images").get(name);
        int[] values = ints(image.get("pixels"));
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) values[i];
        }
        return new ImageDataset(name, pixels, new int[] {0}, image.get("channels").asInt(),
                image.get("height").asInt(), image.get("width").asInt(), List.of("only"));
    }

    /** Mean 0 and std 1 for every channel, so an output value is the uint8 pixel / 255. */
    private static Augmentation unnormalised(int channels, int pad, boolean flip, double degrees) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(std, 1f);
        return new Augmentation(pad, flip, degrees, mean, std);
    }

    private static int[] bytesOf(float[] out) {
        int[] values = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            values[i] = Math.round(out[i] * 255f);
            assertEquals(values[i] / 255.0, out[i], 1e-6, "value " + i + " is not a pixel / 255");
        }
        return values;
    }

    @Test
    void rotationOfAGivenAngleEqualsTorchvisionExactly() {
        int cases = 0;
        for (JsonNode c : oracle.get("rotate")) {
            ImageDataset data = dataset(c.get("image").asText());
            double angle = c.get("angle").asDouble();
            int h = data.height();
            int w = data.width();
            int[] sources = NearestRotation.sources(angle, h, w);
            int[] want = ints(c.get("pixels"));
            int[] got = new int[want.length];
            for (int ch = 0; ch < data.channels(); ch++) {
                for (int i = 0; i < h * w; i++) {
                    got[ch * h * w + i] = sources[i] < 0 ? 0 : data.pixel(0, ch * h * w + sources[i]);
                }
            }
            assertArrayEquals(want, got, data.name() + " rotated by " + angle);
            cases++;
        }
        assertEquals(24, cases);
    }

    @Test
    void theAngleIsCounterClockwiseAboutTheCentre() {
        // by hand, a 4 x 4 image turned a quarter counter-clockwise: the top row shows the right column
        int[] quarter = NearestRotation.sources(90, 4, 4);
        assertArrayEquals(new int[] {3, 7, 11, 15}, java.util.Arrays.copyOfRange(quarter, 0, 4));
        // 10 degrees counter-clockwise on 32 x 32: the pixel right of the centre moves up, so the output's
        // pixel just above-right of the centre comes from a source pixel on the centre row
        int[] small = NearestRotation.sources(10, 32, 32);
        int right = small[14 * 32 + 28];
        assertEquals(16, right / 32, "row of the source of output (28, 14)");
        // the corners come from outside the image and are filled
        assertEquals(-1, small[0]);
        assertEquals(-1, small[32 * 32 - 1]);
    }

    @Test
    void cropFlipRotateChainForGivenDrawsEqualsTorchvision() {
        for (JsonNode c : oracle.get("chain")) {
            ImageDataset data = dataset(c.get("image").asText());
            Augmentation augmentation = unnormalised(data.channels(), 4, true, 15);
            Augmentation.Draws draws = new Augmentation.Draws(c.get("dy").asInt(), c.get("dx").asInt(),
                    c.get("flip").asBoolean(), c.get("angle").asDouble());
            float[] out = new float[data.channels() * data.height() * data.width()];
            augmentation.writeWith(data, 0, draws, out, 0);
            assertArrayEquals(ints(c.get("pixels")), bytesOf(out), "chain " + c.get("image") + " " + draws);
        }
    }

    @Test
    void filledPixelsNormaliseAsPaddingDoes() {
        ImageDataset data = dataset("rgb32");
        float[] mean = {0.4914f, 0.4822f, 0.4465f};
        float[] std = {0.2023f, 0.1994f, 0.2010f};
        float[] out = new float[3 * 32 * 32];
        new Augmentation(4, true, 15, mean, std).writeWith(data, 0, new Augmentation.Draws(0, 0, false, 15), out, 0);
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(-mean[ch] / std[ch], out[ch * 32 * 32], 1e-6, "top-left corner of channel " + ch);
        }
    }

    @Test
    void anglesAreDrawnUniformlyFromTheRunsKeyedStreams() {
        Augmentation augmentation = unnormalised(3, 4, true, 15);
        int n = 100_000;
        int[] deciles = new int[10];
        double sum = 0;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        // as BatchStream draws them: one generator per batch of 128, keyed by (seed, purpose, epoch, stream, i)
        for (int batch = 0; batch * 128 < n; batch++) {
            SplittableRandom random = Seeds.stream(7, 0xA06, 3, 0, batch);
            for (int b = 0; b < 128 && batch * 128 + b < n; b++) {
                double a = augmentation.draw(random).angle();
                min = Math.min(min, a);
                max = Math.max(max, a);
                sum += a;
                squares += a * a;
                deciles[(int) ((a + 15) / 3)]++;
            }
        }
        assertTrue(min >= -15 && max < 15, "angles in [" + min + ", " + max + "]");
        assertTrue(min < -14.99 && max > 14.99, "the whole range is reached: [" + min + ", " + max + "]");
        double mean = sum / n;
        double sd = Math.sqrt(squares / n - mean * mean);
        // uniform on [-15, 15]: mean 0 (standard error 0.027), sd 30 / sqrt(12) = 8.660 (torchvision's own draws
        // in the fixture: 0.0083 and 8.647)
        assertEquals(0, mean, 0.12);
        assertEquals(30 / Math.sqrt(12), sd, 0.06);
        double chiSquare = 0;
        for (int d : deciles) {
            chiSquare += (d - n / 10.0) * (d - n / 10.0) / (n / 10.0);
        }
        assertTrue(chiSquare < 27.88, "deciles " + java.util.Arrays.toString(deciles) + ": chi-square " + chiSquare
                + " above the 0.999 quantile of 9 degrees of freedom");
        JsonNode torchvision = oracle.get("draws");
        assertEquals(torchvision.get("std").asDouble(), sd, 0.08, "spread as torchvision's RandomRotation(15)");
    }

    @Test
    void withoutRotationNothingMoreIsDrawnAndTheImageIsUnchanged() {
        ImageDataset data = dataset("rgb32");
        Augmentation old = unnormalised(3, 4, true, 0);
        for (int seed = 0; seed < 50; seed++) {
            SplittableRandom a = new SplittableRandom(seed);
            SplittableRandom b = new SplittableRandom(seed);
            float[] out = new float[3 * 32 * 32];
            old.write(data, 0, a, out, 0);
            // the crop and flip as drawn before rotation existed: two ints and a boolean
            int dy = b.nextInt(9) - 4;
            int dx = b.nextInt(9) - 4;
            boolean mirror = b.nextBoolean();
            float[] want = new float[out.length];
            old.writeWith(data, 0, new Augmentation.Draws(dy, dx, mirror, 0), want, 0);
            assertArrayEquals(want, out);
            assertEquals(b.nextLong(), a.nextLong(), "seed " + seed + ": the generators went out of step");
        }
    }

    @Test
    void withRotationTheAngleComesAfterTheCropAndFlip() {
        ImageDataset data = dataset("rgb32");
        Augmentation rotating = unnormalised(3, 4, true, 15);
        List<Double> angles = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom b = new SplittableRandom(seed);
            int dy = b.nextInt(9) - 4;
            int dx = b.nextInt(9) - 4;
            boolean mirror = b.nextBoolean();
            double angle = -15 + 30 * b.nextDouble();
            float[] out = new float[3 * 32 * 32];
            rotating.write(data, 0, new SplittableRandom(seed), out, 0);
            float[] want = new float[out.length];
            rotating.writeWith(data, 0, new Augmentation.Draws(dy, dx, mirror, angle), want, 0);
            assertArrayEquals(want, out, "seed " + seed);
            angles.add(angle);
        }
        assertTrue(angles.stream().anyMatch(a -> Math.abs(a) > 5), "some angle turns visibly");
    }
}
