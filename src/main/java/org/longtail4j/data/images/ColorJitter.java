package org.longtail4j.data.images;

import java.util.random.RandomGenerator;

/**
 * torchvision's ColorJitter(brightness, contrast, saturation, hue = 0) as it runs on PIL images (the
 * references' path), on 8-bit RGB: each factor ~ Uniform(max(0, 1 - s), 1 + s), the three operations in
 * a fresh random order per image, each one PIL's {@code ImageEnhance} step: a blend
 * {@code out = trunc(d + f * (x - d))} clamped to [0, 255] in single precision (Pillow's ImagingBlend),
 * with the degenerate image d = black (brightness), the rounded mean of the grayscale image (contrast),
 * or the grayscale image itself (saturation). Grayscale is PIL's "L" conversion: (19595 R + 38470 G +
 * 7471 B + 32768) &gt;&gt; 16 (ITU-R 601-2 luma). Every step is rounded to 8 bits, as on PIL images.
 */
public final class ColorJitter {

    /** One image's draws: the factors and the order of the three operations. */
    public record Draw(float brightness, float contrast, float saturation, int[] order) {}

    private final double brightness;
    private final double contrast;
    private final double saturation;

    public ColorJitter(double brightness, double contrast, double saturation) {
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
    }

    /** Draws the factors (float, as torchvision's uniform_ on a float tensor) and a random order. */
    public Draw draw(RandomGenerator random) {
        int[] order = {0, 1, 2};
        for (int i = 2; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new Draw(factor(brightness, random), factor(contrast, random), factor(saturation, random), order);
    }

    private static float factor(double strength, RandomGenerator random) {
        if (strength == 0) {
            return 1f;
        }
        double lo = Math.max(0, 1 - strength);
        double hi = 1 + strength;
        return (float) (lo + (hi - lo) * random.nextDouble());
    }

    /** Applies {@code draw} to {@code image} in place. */
    public void apply(RgbImage image, Draw draw) {
        for (int op : draw.order()) {
            switch (op) {
                case 0 -> brightness(image.rgb(), draw.brightness());
                case 1 -> contrast(image.rgb(), draw.contrast());
                default -> saturation(image.rgb(), draw.saturation());
            }
        }
    }

    /** PIL ImageEnhance.Brightness: blend with black. */
    public static void brightness(byte[] rgb, float factor) {
        if (factor == 1f) {
            return;
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = blend(0, rgb[i] & 0xFF, factor);
        }
    }

    /** PIL ImageEnhance.Contrast: blend with the grey level int(mean of "L" + 0.5). */
    public static void contrast(byte[] rgb, float factor) {
        if (factor == 1f) {
            return;
        }
        long sum = 0;
        for (int p = 0; p < rgb.length; p += 3) {
            sum += luma(rgb, p);
        }
        int mean = (int) ((double) sum / (rgb.length / 3) + 0.5);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = blend(mean, rgb[i] & 0xFF, factor);
        }
    }

    /** PIL ImageEnhance.Color: blend with the "L" image. */
    public static void saturation(byte[] rgb, float factor) {
        if (factor == 1f) {
            return;
        }
        for (int p = 0; p < rgb.length; p += 3) {
            int gray = luma(rgb, p);
            rgb[p] = blend(gray, rgb[p] & 0xFF, factor);
            rgb[p + 1] = blend(gray, rgb[p + 1] & 0xFF, factor);
            rgb[p + 2] = blend(gray, rgb[p + 2] & 0xFF, factor);
        }
    }

    /** PIL's RGB to "L". */
    static int luma(byte[] rgb, int p) {
        return ((rgb[p] & 0xFF) * 19595 + (rgb[p + 1] & 0xFF) * 38470 + (rgb[p + 2] & 0xFF) * 7471 + 0x8000) >> 16;
    }

    /** Pillow's ImagingBlend for one byte: in1 + alpha * (in2 - in1) in float, truncated, clamped. */
    private static byte blend(int degenerate, int value, float alpha) {
        float t = degenerate + alpha * (value - degenerate);
        return (byte) (t <= 0f ? 0 : t >= 255f ? 255 : (int) t);
    }
}
