package org.longtail4j.data.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Writes real JPEG and PNG files (javax.imageio) for the reader tests. */
final class ImageTrees {

    private ImageTrees() {}

    /** A width x height image of seeded random colours, as JPEG or PNG by {@code format}. */
    static Path image(Path file, int width, int height, long seed, String format) {
        try {
            Files.createDirectories(file.getParent());
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            SplittableRandom random = new SplittableRandom(seed);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    img.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jpeg(Path file, long seed) {
        return image(file, 40 + (int) (seed % 7), 30 + (int) (seed % 5), seed, "jpg");
    }

    static Path png(Path file, long seed) {
        return image(file, 33, 41, seed, "png");
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
