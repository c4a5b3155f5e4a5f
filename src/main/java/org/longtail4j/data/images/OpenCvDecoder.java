package org.longtail4j.data.images;

import java.io.IOException;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV's {@code imdecode} (org.openpnp:opencv, libjpeg-turbo inside): JPEG, PNG, WebP, TIFF, BMP,
 * CMYK JPEGs and PNGs named .JPEG alike, format sniffed from the bytes. Read with IMREAD_COLOR |
 * IMREAD_IGNORE_ORIENTATION (OpenCV would otherwise apply the EXIF orientation, which PIL and so the
 * references do not), then BGR to RGB.
 *
 * <p>Construct through {@link #load()}, which loads the native library once per JVM and sets OpenCV's own
 * thread pool to one thread, so it does not compete with the loader threads and libtorch's.
 */
public final class OpenCvDecoder implements ImageDecoder {

    private static volatile OpenCvDecoder instance;

    private OpenCvDecoder() {}

    /**
     * The decoder, with the native library loaded.
     *
     * @throws UnsatisfiedLinkError or another error when the bundled library does not load on this machine
     */
    public static synchronized OpenCvDecoder load() {
        if (instance == null) {
            nu.pattern.OpenCV.loadLocally();
            Core.setNumThreads(1);
            instance = new OpenCvDecoder();
        }
        return instance;
    }

    @Override
    public String name() {
        return "opencv " + Core.VERSION + " (imdecode, libjpeg-turbo)";
    }

    @Override
    public RgbImage decode(byte[] bytes) throws IOException {
        MatOfByte encoded = new MatOfByte(bytes);
        Mat bgr = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        try {
            if (bgr.empty()) {
                throw new IOException("OpenCV cannot decode it (truncated, or not an image format it reads)");
            }
            Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_BGR2RGB);
            byte[] rgb = new byte[3 * bgr.cols() * bgr.rows()];
            bgr.get(0, 0, rgb);
            return new RgbImage(bgr.cols(), bgr.rows(), rgb);
        } finally {
            bgr.release();
            encoded.release();
        }
    }
}
