package org.longtail4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Both decoders against PIL's {@code Image.open(f).convert("RGB")} on the one-off fixtures of
 * fixtures/torchvision_transforms/oracle.py: a colour, a grayscale and a CMYK JPEG, a PNG named .JPEG,
 * and a JPEG with EXIF orientation 6 (must not be rotated). Tolerance: mean absolute difference at most
 * 1 grey level and no pixel off by more than 8 (JPEG decoders may differ in IDCT and upsampling); PNG
 * exactly.
 */
class DecodersTest {

    private static final String DIR = "/fixtures/torchvision_transforms/";

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DecodersTest.class.getResourceAsStream(DIR + name)) {
            return in.readAllBytes();
        }
    }

    private static RgbImage pil(String name) throws IOException {
        return new ImageIoDecoder().decode(resource(name));
    }

    private static void assertClose(RgbImage expected, RgbImage actual, String what) {
        assertEquals(expected.width(), actual.width(), what + " width");
        assertEquals(expected.height(), actual.height(), what + " height");
        long sum = 0;
        int worst = 0;
        for (int i = 0; i < expected.rgb().length; i++) {
            int d = Math.abs((expected.rgb()[i] & 0xFF) - (actual.rgb()[i] & 0xFF));
            sum += d;
            worst = Math.max(worst, d);
        }
        double mean = sum / (double) expected.rgb().length;
        assertTrue(mean <= 1.0 && worst <= 8, what + ": mean |diff| " + mean + ", worst " + worst);
    }

    private static void checkDecoder(ImageDecoder decoder, boolean readsCmyk) throws IOException {
        assertClose(pil("decode_colour_pil.png"), decoder.decode(resource("decode_colour.jpg")), decoder.name() + " colour");
        assertClose(pil("decode_gray_pil.png"), decoder.decode(resource("decode_gray.jpg")), decoder.name() + " gray");
        assertArrayEquals(pil("decode_png_named_pil.png").rgb(), decoder.decode(resource("decode_png_named.JPEG")).rgb(),
                decoder.name() + " PNG named .JPEG");
        RgbImage exif = decoder.decode(resource("decode_exif6.jpg"));
        assertEquals(40, exif.width(), "EXIF orientation 6 must not rotate (40 x 30 stays 40 x 30)");
        assertClose(pil("decode_exif6_pil.png"), exif, decoder.name() + " EXIF 6");
        if (readsCmyk) {
            assertClose(pil("decode_cmyk_pil.png"), decoder.decode(resource("decode_cmyk.jpg")), decoder.name() + " CMYK");
        } else {
            assertThrows(IOException.class, () -> decoder.decode(resource("decode_cmyk.jpg")));
        }
        assertThrows(IOException.class, () -> decoder.decode("not an image at all".getBytes()));
    }

    @Test
    void openCvDecodesLikePil() throws IOException {
        checkDecoder(OpenCvDecoder.load(), true);
    }

    @Test
    void imageIoDecodesLikePilExceptCmyk() throws IOException {
        checkDecoder(new ImageIoDecoder(), false);
    }

    @Test
    void truncatedFilesAreRefusedBeforeDecoding() throws IOException {
        byte[] jpeg = resource("decode_colour.jpg");
        TruncationCheck.check(jpeg);
        IOException cut = assertThrows(IOException.class,
                () -> TruncationCheck.check(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(cut.getMessage().contains("truncated JPEG"), cut.getMessage());
        byte[] png = resource("decode_png_named.JPEG");
        TruncationCheck.check(png);
        assertThrows(IOException.class, () -> TruncationCheck.check(Arrays.copyOf(png, png.length - 20)));
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100);
        TruncationCheck.check(padded);
    }
}
