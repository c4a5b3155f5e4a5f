package org.longtail4j.data.images;

/**
 * A decoded 8-bit RGB image, row-major, interleaved (R, G, B per pixel): the layout PIL and OpenCV use,
 * and the one the transforms work on.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width < 1 || height < 1 || rgb.length != 3 * width * height) {
            throw new IllegalArgumentException(width + "x" + height + " image with " + rgb.length + " bytes");
        }
    }

    /** Unsigned value of channel {@code c} at (x, y). */
    public int at(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xFF;
    }
}
