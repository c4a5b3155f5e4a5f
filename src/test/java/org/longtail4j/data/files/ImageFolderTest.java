package org.longtail4j.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.DataSources;

/** torchvision ImageFolder semantics on small real trees of JPEG and PNG files. */
class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void classesSortedFilesInTorchvisionOrderHiddenAndOtherFilesSkipped() throws Exception {
        Path root = dir.resolve("tree");
        ImageTrees.jpeg(root.resolve("cat/b.JPG"), 1);
        ImageTrees.png(root.resolve("cat/a.Png"), 2);
        ImageTrees.jpeg(root.resolve("cat/a/b/deep.jpeg"), 3);
        ImageTrees.jpeg(root.resolve("cat/a-c/x.jpg"), 4);
        ImageTrees.jpeg(root.resolve("cat/.hidden.jpg"), 5);
        ImageTrees.jpeg(root.resolve("cat/.cache/y.jpg"), 6);
        ImageTrees.write(root.resolve("cat/notes.txt"), "not an image");
        ImageTrees.jpeg(root.resolve("Dog/z.jpg"), 7);
        ImageTrees.jpeg(root.resolve(".Trash/q.jpg"), 8);
        Files.writeString(root.resolve("README"), "top-level files are not classes");
        ImageFiles files = ImageFolder.read(root, "tree");
        // code-point order: 'D' (68) before 'c' (99)
        assertEquals(List.of("Dog", "cat"), files.classNames());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            got.add(root.relativize(files.path(i)).toString());
        }
        // torchvision: sorted(os.walk) orders folders by path string: "cat" < "cat/a-c" < "cat/a/b" ('-' < '/')
        assertEquals(List.of("Dog/z.jpg", "cat/a.Png", "cat/b.JPG", "cat/a-c/x.jpg", "cat/a/b/deep.jpeg"), got);
        assertArrayEquals(new int[] {0, 1, 1, 1, 1}, files.labels());
    }

    @Test
    void emptyClassFolderIsNamed() {
        Path root = dir.resolve("tree");
        ImageTrees.jpeg(root.resolve("a/x.jpg"), 1);
        ImageTrees.write(root.resolve("b/readme.txt"), "no images here");
        BadInputException e = assertThrows(BadInputException.class, () -> ImageFolder.read(root, "tree"));
        assertTrue(e.getMessage().startsWith("class folder " + root.resolve("b") + " holds no image"), e.getMessage());
    }

    private RunConfig.DataConfig folderConfig(Path root) {
        RunConfig.DataConfig config = new RunConfig.DataConfig();
        config.dataset = "image-folder";
        config.root = root.toString();
        config.decoder = "imageio";
        return config;
    }

    @Test
    void trainValFoldersMustHaveTheSameClasses() {
        Path root = dir.resolve("split");
        ImageTrees.jpeg(root.resolve("train/a/1.jpg"), 1);
        ImageTrees.jpeg(root.resolve("train/b/1.jpg"), 2);
        ImageTrees.jpeg(root.resolve("val/a/1.jpg"), 3);
        ImageTrees.jpeg(root.resolve("val/c/1.jpg"), 4);
        BadInputException e = assertThrows(BadInputException.class, () -> DataSources.prepareFiles(folderConfig(root), 0));
        assertTrue(e.getMessage().contains("has classes [a, c]; expected the training folder's [a, b]"), e.getMessage());

        ImageTrees.jpeg(root.resolve("val/b/1.jpg"), 5);
        ImageTrees.jpeg(root.resolve("test/a/1.jpg"), 6);
        ImageTrees.jpeg(root.resolve("test/b/1.jpg"), 6);
        ImageTrees.jpeg(root.resolve("test/c/1.jpg"), 6);
        ImageTrees.jpeg(root.resolve("train/c/1.jpg"), 7);
        ImageFileData data = DataSources.prepareFiles(folderConfig(root), 0);
        assertEquals(3, data.validation().size());
        assertEquals(3, data.test().size());
        assertTrue(data.description().contains("reported on test"), data.description());
    }

    @Test
    void singleTreeNeedsAHoldOutThatNeverTakesTheLastImage() {
        Path root = dir.resolve("one");
        int[] counts = {10, 4, 1};
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < counts[c]; k++) {
                ImageTrees.jpeg(root.resolve("class" + c + "/" + k + ".jpg"), 10 * c + k);
            }
        }
        RunConfig.DataConfig config = folderConfig(root);
        BadInputException e = assertThrows(BadInputException.class, () -> DataSources.prepareFiles(config, 0));
        assertTrue(e.getMessage().contains("data.hold_out"), e.getMessage());
        config.holdOut = 0.5;
        ImageFileData data = DataSources.prepareFiles(config, 3);
        assertArrayEquals(new int[] {5, 2, 1}, data.train().classCounts());
        assertArrayEquals(new int[] {5, 2, 0}, data.test().classCounts());
        ImageFileData again = DataSources.prepareFiles(config, 3);
        assertEquals(data.test().path(0), again.test().path(0));

        config.holdOut = 0;
        config.holdOutPerClass = 3;
        data = DataSources.prepareFiles(config, 3);
        assertArrayEquals(new int[] {7, 1, 1}, data.train().classCounts());
    }

    @Test
    void balancedFolderCutToALongTail() {
        Path root = dir.resolve("balanced");
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 12; k++) {
                ImageTrees.jpeg(root.resolve("train/c" + c + "/" + k + ".jpg"), 100 * c + k);
            }
            ImageTrees.jpeg(root.resolve("val/c" + c + "/v.jpg"), 7 + c);
        }
        RunConfig.DataConfig config = folderConfig(root);
        config.longTail = true;
        config.imbalanceRatio = 10;
        ImageFileData data = DataSources.prepareFiles(config, 0);
        // exponential profile: floor(12 * 10^(-r / 2)) = 12, 3, 1
        assertArrayEquals(new int[] {12, 3, 1}, data.train().classCounts());
        assertTrue(data.description().contains("exponential, IR 10"), data.description());
    }
}
