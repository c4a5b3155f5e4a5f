package org.longtail4j.data.images;

import java.io.IOException;

/**
 * Decodes the bytes of an image file (format sniffed from the bytes, not the file name) into 8-bit RGB,
 * as PIL's {@code Image.open(f).convert("RGB")} does in every reference loader: grayscale is replicated,
 * alpha dropped, EXIF orientation ignored. Implementations are thread-safe.
 */
public interface ImageDecoder {

    /** Which library decodes ("opencv 4.9.0 (libjpeg-turbo)", "javax.imageio"). */
    String name();

    /**
     * @throws IOException when the bytes are not an image this decoder reads (truncated, unknown format)
     */
    RgbImage decode(byte[] bytes) throws IOException;
}
