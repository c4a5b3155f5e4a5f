package org.longtail4j.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * torchvision's {@code RandomRotation} on a PIL image, the way RIDE's CIFAR transform runs it
 * ({@code F.rotate(img, angle, NEAREST, expand=False, center=None, fill=0)}, which is PIL's
 * {@code Image.rotate}): the image turns counter-clockwise by {@code angle} degrees about the point
 * (W / 2, H / 2) in pixel-edge coordinates, keeps its size, takes each output pixel from the nearest
 * source pixel and fills what comes from outside the image with zeros.
 *
 * <p>Exactly as PIL computes it, so the pixels agree with torchvision's bit for bit: the angle is taken
 * modulo 360 (0 is a copy and 180 a half turn, as PIL's fast paths do; 90 and 270 likewise on square
 * images), the inverse matrix's cosine and sine are rounded to 15 decimals, and the source pixel of
 * output pixel (x, y) is found in 16.16 fixed point from the pixel's centre (x + 1/2, y + 1/2), rounded
 * down. Fixed point holds for images below 16,384 pixels a side (PIL's own limit for this path), far
 * above the small datasets' 28 and 32.
 */
public final class NearestRotation {

    private static final int MAX_SIDE = 16_384;

    private NearestRotation() {
    }

    /**
     * For every pixel of the rotated {@code height} x {@code width} image, in row-major order, the
     * row-major index of the source pixel it copies, or -1 where it is filled with zero.
     *
     * @param degrees the counter-clockwise angle (torchvision's sign convention)
     */
    public static int[] sources(double degrees, int height, int width) {
        if (height <= 0 || width <= 0 || height >= MAX_SIDE || width >= MAX_SIDE) {
            throw new IllegalArgumentException("rotation of a " + height + " x " + width + " image: each side must "
                    + "be in [1, " + MAX_SIDE + ")");
        }
        double angle = pythonModulo360(degrees);
        int[] sources = new int[height * width];
        if (angle == 0) {
            for (int i = 0; i < sources.length; i++) {
                sources[i] = i;
            }
            return sources;
        }
        if (angle == 180 || (height == width && (angle == 90 || angle == 270))) {
            return quarterTurns(angle, height, width, sources);
        }
        double radians = -Math.toRadians(angle);
        double cos = round15(Math.cos(radians));
        double sin = round15(Math.sin(radians));
        double minusSin = round15(-Math.sin(radians));
        double cx = width / 2.0;
        double cy = height / 2.0;
        // the inverse map (x, y) -> (a0 x + a1 y + a2, a3 x + a4 y + a5), centred on (cx, cy), in PIL's
        // order of operations
        double a2 = cos * -cx + sin * -cy + 0.0 + cx;
        double a5 = minusSin * -cx + cos * -cy + 0.0 + cy;
        // 16.16 fixed point, the half-pixel offset folded into the constant terms
        int f0 = fix(cos);
        int f1 = fix(sin);
        int f3 = fix(minusSin);
        int f4 = fix(cos);
        int rowX = fix(a2 + cos * 0.5 + sin * 0.5);
        int rowY = fix(a5 + minusSin * 0.5 + cos * 0.5);
        int o = 0;
        for (int y = 0; y < height; y++) {
            int xx = rowX;
            int yy = rowY;
            for (int x = 0; x < width; x++) {
                int sx = xx >> 16;
                int sy = yy >> 16;
                sources[o++] = sx >= 0 && sx < width && sy >= 0 && sy < height ? sy * width + sx : -1;
                xx += f0;
                yy += f3;
            }
            rowX += f1;
            rowY += f4;
        }
        return sources;
    }

    /** PIL's transposes for half and quarter turns (counter-clockwise, as the angle is). */
    private static int[] quarterTurns(double angle, int height, int width, int[] sources) {
        int o = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sy;
                int sx;
                if (angle == 180) {
                    sy = height - 1 - y;
                    sx = width - 1 - x;
                } else if (angle == 90) { // output (x, y) shows source (W - 1 - y, x)
                    sy = x;
                    sx = width - 1 - y;
                } else {
                    sy = height - 1 - x;
                    sx = y;
                }
                sources[o++] = sy * width + sx;
            }
        }
        return sources;
    }

    /** Python's {@code angle % 360.0}: the result takes the divisor's sign. */
    private static double pythonModulo360(double degrees) {
        double r = degrees % 360.0;
        if (r != 0 && r < 0) {
            r += 360.0;
        }
        return r == 0 ? 0.0 : r;
    }

    /** Python's {@code round(v, 15)}: the exact value rounded half-even to 15 decimals, then to a double. */
    private static double round15(double v) {
        return Double.parseDouble(new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).toString());
    }

    /** PIL's FIX: {@code floor(v * 65536 + 0.5)} as a 16.16 fixed-point integer. */
    private static int fix(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }
}
