package org.longtail4j.data.images;

/**
 * ToTensor + Normalize: 8-bit RGB (H, W, 3) to float (3, H, W), each value {@code (x / 255 - mean) / std}
 * in single precision, the operations in torchvision's order (div, sub, div), so the floats equal
 * torchvision's bit for bit.
 */
public final class Normalisation {

    /** ImageNet's statistics (ImageNet-LT, Places-LT, image folders). */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    /** iNaturalist 2018's own, as MiSLAS and CB normalise it. */
    public static final float[] INATURALIST_MEAN = {0.466f, 0.471f, 0.380f};
    public static final float[] INATURALIST_STD = {0.195f, 0.194f, 0.192f};

    private final float[] mean;
    private final float[] std;

    public Normalisation(float[] mean, float[] std) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("RGB normalisation needs 3 means and 3 stds");
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The per-channel mean (RGB, on the 0-1 scale). */
    public float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviation (RGB, on the 0-1 scale). */
    public float[] std() {
        return std.clone();
    }

    /**
     * Writes {@code image} as 3 x H x W floats into {@code out} at {@code offset}.
     *
     * @param mirror whether to flip left-right while writing (RandomHorizontalFlip)
     */
    public void write(RgbImage image, boolean mirror, float[] out, int offset) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c];
            int o = offset + c * w * h;
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int sx = mirror ? w - 1 - x : x;
                    out[o++] = ((rgb[3 * (row + sx) + c] & 0xFF) / 255f - m) / s;
                }
            }
        }
    }
}
