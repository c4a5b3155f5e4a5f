package org.longtail4j.data.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The pure-Java fallback: javax.imageio (JPEG, PNG, BMP, GIF; the JDK's JPEG reader is IJG libjpeg 6b
 * without SIMD; CMYK/YCCK JPEGs are refused, as the JDK cannot convert them). ImageIO never applies EXIF orientation.
 */
public final class ImageIoDecoder implements ImageDecoder {

    static {
        ImageIO.setUseCache(false);
    }

    @Override
    public String name() {
        return "javax.imageio";
    }

    @Override
    public RgbImage decode(byte[] bytes) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("not an image format javax.imageio reads");
        }
        if (image.getRaster().getNumBands() == 4 && !image.getColorModel().hasAlpha()) {
            // The JDK reads CMYK/YCCK JPEGs as four plain bands; converting them as RGB gives wrong colours.
            throw new IOException("a CMYK JPEG, which javax.imageio cannot convert to RGB; decode with opencv");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[3 * w * h];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int p = 0; p < w * h; p++) {
                rgb[3 * p] = bgr[3 * p + 2];
                rgb[3 * p + 1] = bgr[3 * p + 1];
                rgb[3 * p + 2] = bgr[3 * p];
            }
        } else if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] gray = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int p = 0; p < w * h; p++) {
                rgb[3 * p] = gray[p];
                rgb[3 * p + 1] = gray[p];
                rgb[3 * p + 2] = gray[p];
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int o = 3 * (y * w + x);
                    rgb[o] = (byte) (row[x] >> 16);
                    rgb[o + 1] = (byte) (row[x] >> 8);
                    rgb[o + 2] = (byte) row[x];
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
