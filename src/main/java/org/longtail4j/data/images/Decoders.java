package org.longtail4j.data.images;

import org.longtail4j.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the image decoder a config names: opencv, imageio, or auto (OpenCV when it loads). */
public final class Decoders {

    private static final Logger LOG = LoggerFactory.getLogger(Decoders.class);

    private Decoders() {}

    /**
     * @param name "auto", "opencv" or "imageio"
     * @param key the config key, for the message
     */
    public static ImageDecoder named(String name, String key) {
        return switch (name) {
            case "imageio" -> new ImageIoDecoder();
            case "opencv" -> {
                try {
                    yield OpenCvDecoder.load();
                } catch (Throwable e) {
                    throw new BadInputException("config key '" + key + "' is opencv, but OpenCV's native library"
                            + " does not load here (" + e + "); use auto or imageio");
                }
            }
            case "auto" -> {
                try {
                    yield OpenCvDecoder.load();
                } catch (Throwable e) {
                    LOG.warn("OpenCV's native library does not load ({}); decoding with javax.imageio instead", e.toString());
                    yield new ImageIoDecoder();
                }
            }
            default -> throw new BadInputException("config key '" + key + "' is " + name
                    + ", expected auto, opencv or imageio");
        };
    }
}
