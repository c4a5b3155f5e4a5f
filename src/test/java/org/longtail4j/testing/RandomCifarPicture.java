package org.longtail4j.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A 32x32 PNG of random colours, written for the export tests, and the network input it should become:
 * CHW, scaled to [0, 1] and normalised with CIFAR's mean and std (the values the CIFAR recipes' code uses,
 * written here again so that the test does not take them from the code under test).
 *
 * @param png        the picture's file
 * @param normalised its pixels as the exported pipeline should feed them, channel by channel
 */
public record RandomCifarPicture(Path png, float[] normalised) {

    public static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    public static final double[] STD = {0.2023, 0.1994, 0.2010};

    public static RandomCifarPicture write(Path png, long seed) throws IOException {
        BufferedImage picture = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        float[] chw = new float[3 * 32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int rgb = random.nextInt(1 << 24);
                picture.setRGB(x, y, rgb);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xff;
                    chw[c * 1024 + y * 32 + x] = (float) ((v / 255.0 - MEAN[c]) / STD[c]);
                }
            }
        }
        ImageIO.write(picture, "png", png.toFile());
        return new RandomCifarPicture(png, chw);
    }
}
