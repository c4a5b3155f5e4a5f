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

    /** The pixels of {@code box} as an image of their own (PIL's {@code crop}, which the box must lie within). */
    public RgbImage crop(CropBox box) {
        if (box.top() < 0 || box.left() < 0 || box.top() + box.height() > height || box.left() + box.width() > width) {
            throw new IllegalArgumentException(box + " outside a " + width + "x" + height + " image");
        }
        byte[] out = new byte[3 * box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(rgb, 3 * ((box.top() + y) * width + box.left()), out, 3 * y * box.width(), 3 * box.width());
        }
        return new RgbImage(box.width(), box.height(), out);
    }
}
