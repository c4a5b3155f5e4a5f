package org.longtail4j.data.images;

import java.io.IOException;

/**
 * Refuses JPEG and PNG files cut short. libjpeg (in OpenCV and the JDK) decodes a truncated JPEG with a
 * warning and fills the missing rows with grey, where PIL, and so the reference loaders, raise "image
 * file is truncated"; training on half-grey images silently is worse than either stopping or skipping.
 *
 * <p>A JPEG must have its end-of-image marker (FF D9) within its last 1 KB (trailing padding happens; an
 * EXIF thumbnail's own marker near the start does not count); a PNG must end with its IEND chunk within
 * the same distance. Other formats are left to the decoder.
 */
public final class TruncationCheck {

    private static final int TAIL = 1024;
    private static final byte[] PNG_IEND = {'I', 'E', 'N', 'D'};

    private TruncationCheck() {}

    /** @throws IOException when {@code bytes} is a JPEG or PNG without its end marker */
    public static void check(byte[] bytes) throws IOException {
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            for (int i = n - 2; i >= Math.max(2, n - TAIL); i--) {
                if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xD9) {
                    return;
                }
            }
            throw new IOException("truncated JPEG (no end-of-image marker FF D9 at its end)");
        }
        if (n >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            for (int i = n - 4; i >= Math.max(8, n - TAIL); i--) {
                if (bytes[i] == PNG_IEND[0] && bytes[i + 1] == PNG_IEND[1] && bytes[i + 2] == PNG_IEND[2]
                        && bytes[i + 3] == PNG_IEND[3]) {
                    return;
                }
            }
            throw new IOException("truncated PNG (no IEND chunk at its end)");
        }
    }
}
