package org.longtail4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.files.ImageFiles;
import org.longtail4j.data.files.ImageFolder;
import org.longtail4j.data.images.FileSampleMaker;
import org.longtail4j.data.images.ImageIoDecoder;
import org.longtail4j.data.images.Normalisation;
import org.longtail4j.models.CifarResNet;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;

/** The Evaluator on image files read per batch: every image counted once, the same result whatever the workers. */
class EvaluatorImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesAFolderReadPerBatch() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < 5; k++) {
                Path file = dir.resolve("class" + c + "/" + k + ".jpg");
                Files.createDirectories(file.getParent());
                BufferedImage img = new BufferedImage(30 + k, 26, BufferedImage.TYPE_3BYTE_BGR);
                for (int y = 0; y < 26; y++) {
                    for (int x = 0; x < 30 + k; x++) {
                        img.setRGB(x, y, random.nextInt(1 << 24));
                    }
                }
                ImageIO.write(img, "jpg", file.toFile());
            }
        }
        ImageFiles test = ImageFolder.read(dir, "folder");
        FileSampleMaker maker = FileSampleMaker.test(test, new ImageIoDecoder(), 28, 24,
                new Normalisation(Normalisation.IMAGENET_MEAN, Normalisation.IMAGENET_STD), FileSampleMaker.OnBadImage.STOP);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = new ImageClassifier(new CifarResNet(8), new LinearHead(2));
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 24, 24));
            ClassGroups groups = ClassGroups.thirds(test.classCounts());
            EvaluationResult one = new Evaluator(test, maker, 4, groups, manager, 0, 1).evaluate(model);
            EvaluationResult pool = new Evaluator(test, maker, 4, groups, manager, 2, 3).evaluate(model);
            assertEquals(10, one.samples());
            assertEquals(10, Arrays.stream(one.confusion()).flatMapToInt(Arrays::stream).sum());
            assertArrayEquals(new int[] {5, 5}, Arrays.stream(one.confusion()).mapToInt(r -> Arrays.stream(r).sum()).toArray());
            assertEquals(one.top1(), pool.top1());
            assertEquals(one.perClass(), pool.perClass());
            assertArrayEquals(one.confusion(), pool.confusion());
        }
    }
}
