package org.longtail4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Small trees of real image files in the exact layouts and list formats of each image-file dataset
 * (large-scale.md section 1), for end-to-end runs: every class of the dataset's own count (1000, 365, 8142)
 * has at least one image, so the reference group rules apply unchanged. A dataset's many listed files are
 * hard links to a few 32 x 32 JPEGs written by javax.imageio, so that a tree of 16,000 files costs little.
 */
final class TinyImageData {

    private TinyImageData() {}

    /** A 32 x 32 JPEG or PNG of seeded random colours (format "jpg" or "png"). */
    static Path image(Path file, long seed, String format) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
        SplittableRandom random = new SplittableRandom(seed);
        int base = random.nextInt(1 << 24);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, random.nextInt(4) == 0 ? random.nextInt(1 << 24) : base);
            }
        }
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return file;
    }

    /**
     * An image folder DIR/train/{ant,bee,cat} (6, 3 and 2 images, JPEG and PNG with mixed-case extensions)
     * and DIR/val with 2 images per class.
     */
    static Path imageFolder(Path dir) throws IOException {
        String[] classes = {"ant", "bee", "cat"};
        int[] train = {6, 3, 2};
        long seed = 1;
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < train[c]; i++) {
                String name = i % 3 == 0 ? i + ".PNG" : i + ".jpg";
                image(dir.resolve("train").resolve(classes[c]).resolve(name), seed++, i % 3 == 0 ? "png" : "jpg");
            }
            for (int i = 0; i < 2; i++) {
                image(dir.resolve("val").resolve(classes[c]).resolve(i + ".jpeg"), seed++, "jpg");
            }
        }
        return dir;
    }

    /**
     * ImageNet-LT: ImageNet_LT_{train,val,test}.txt ("train/WNID/WNID_K.JPEG LABEL"; val from ImageNet
     * train, test "val/WNID/ILSVRC2012_val_N.JPEG"), 1000 classes, class c with 1 + (c % 3) training images.
     */
    static Path imagenetLt(Path dir) throws IOException {
        Path[] sources = sources(dir);
        StringBuilder train = new StringBuilder();
        StringBuilder val = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int c = 0; c < 1000; c++) {
            String wnid = String.format("n%08d", 1440764 + c);
            for (int k = 0; k < 1 + c % 3; k++) {
                train.append(link(dir, "train/" + wnid + "/" + wnid + "_" + k + ".JPEG", sources, c + k)).append(' ')
                        .append(c).append('\n');
            }
            val.append(link(dir, "train/" + wnid + "/" + wnid + "_v.JPEG", sources, c)).append(' ').append(c).append('\n');
            test.append(link(dir, "val/" + wnid + "/ILSVRC2012_val_" + String.format("%08d", c + 1) + ".JPEG", sources, c))
                    .append(' ').append(c).append("\r\n");
        }
        write(dir.resolve("ImageNet_LT_train.txt"), train);
        write(dir.resolve("ImageNet_LT_val.txt"), val);
        write(dir.resolve("ImageNet_LT_test.txt"), test);
        return dir;
    }

    /**
     * Places-LT in CB/OLTR's "easy" format: Places_LT_{train,val,test}.txt, "train/CLASS/ID.jpg LABEL" and
     * "val/CLASS/Places365_val_N.jpg LABEL", 365 classes named as multi-level classes are ("a-b").
     */
    static Path placesLt(Path dir) throws IOException {
        Path[] sources = sources(dir);
        StringBuilder train = new StringBuilder();
        StringBuilder val = new StringBuilder();
        StringBuilder test = new StringBuilder();
        int id = 0;
        for (int c = 0; c < 365; c++) {
            String name = String.format("place%03d", c) + (c % 5 == 0 ? "-indoor" : "");
            for (int k = 0; k < 1 + c % 4; k++) {
                train.append(link(dir, String.format("train/%s/%08d.jpg", name, ++id), sources, c + k)).append(' ')
                        .append(c).append('\n');
            }
            val.append(link(dir, String.format("train/%s/%08d.jpg", name, ++id), sources, c)).append(' ').append(c)
                    .append('\n');
            test.append(link(dir, String.format("val/%s/Places365_val_%08d.jpg", name, c + 1), sources, c)).append(' ')
                    .append(c).append('\n');
        }
        write(dir.resolve("Places_LT_train.txt"), train);
        write(dir.resolve("Places_LT_val.txt"), val);
        write(dir.resolve("Places_LT_test.txt"), test);
        return dir;
    }

    /**
     * iNaturalist 2018 as CB's text lists: iNaturalist18_{train,val}.txt,
     * "train_val2018/KINGDOM/LABEL/HASH.jpg LABEL", 8142 classes, the val list the test set.
     */
    static Path inaturalist(Path dir) throws IOException {
        Path[] sources = sources(dir);
        StringBuilder train = new StringBuilder();
        StringBuilder val = new StringBuilder();
        String[] kingdoms = {"Plantae", "Insecta", "Aves", "Fungi"};
        for (int c = 0; c < 8142; c++) {
            String folder = "train_val2018/" + kingdoms[c % 4] + "/" + c + "/";
            for (int k = 0; k < 1 + (c % 7 == 0 ? 2 : 0); k++) {
                train.append(link(dir, folder + String.format("%032x.jpg", (long) c * 31 + k), sources, c + k)).append(' ')
                        .append(c).append('\n');
            }
            val.append(link(dir, folder + String.format("%032x.jpg", 1_000_000L + c), sources, c)).append(' ')
                    .append(c).append('\n');
        }
        write(dir.resolve("iNaturalist18_train.txt"), train);
        write(dir.resolve("iNaturalist18_val.txt"), val);
        return dir;
    }

    /** Four real images the listed files link to. */
    private static Path[] sources(Path dir) throws IOException {
        Path[] sources = new Path[4];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = image(dir.resolve("sources").resolve(i + ".jpg"), 100 + i, "jpg");
        }
        return sources;
    }

    private static String link(Path dir, String relative, Path[] sources, int which) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.createLink(file, sources[which % sources.length]);
        return relative;
    }

    private static void write(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
