package org.longtail4j.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.DataSources;

/** List files (ImageNet-LT, Places-LT, iNaturalist text lists) and the iNaturalist JSON, on small real trees. */
class ListReadersTest {

    @TempDir
    Path dir;

    @Test
    void listFileKeepsOrderAcceptsCrlfAndBlankLines() {
        Path list = ImageTrees.write(dir.resolve("l.txt"), "a/x.jpg 2\r\n\r\nb/y.jpg\t0\n   \nc/z.jpg 1");
        ListFile.Lines lines = ListFile.read(list, 3);
        assertEquals(List.of("a/x.jpg", "b/y.jpg", "c/z.jpg"), lines.paths());
        assertArrayEquals(new int[] {2, 0, 1}, lines.labels());
        assertArrayEquals(new int[] {1, 3, 5}, lines.lineNumbers());
    }

    @Test
    void badListLinesNameFileAndLine() {
        Path three = ImageTrees.write(dir.resolve("three.txt"), "a.jpg 0\na b.jpg 1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ListFile.read(three, 3));
        assertTrue(e.getMessage().startsWith(three + " line 2: 3 fields"), e.getMessage());
        Path range = ImageTrees.write(dir.resolve("range.txt"), "a.jpg 0\nb.jpg 3\n");
        e = assertThrows(BadInputException.class, () -> ListFile.read(range, 3));
        assertTrue(e.getMessage().startsWith(range + " line 2: label 3 is out of range; expected 0..2"), e.getMessage());
        Path word = ImageTrees.write(dir.resolve("word.txt"), "a.jpg zero\n");
        e = assertThrows(BadInputException.class, () -> ListFile.read(word, 3));
        assertTrue(e.getMessage().startsWith(word + " line 1: label \"zero\""), e.getMessage());
        Path negative = ImageTrees.write(dir.resolve("neg.txt"), "a.jpg -1\n");
        assertThrows(BadInputException.class, () -> ListFile.read(negative, 0));
        e = assertThrows(BadInputException.class, () -> ListFile.read(dir.resolve("absent.txt"), 3));
        assertTrue(e.getMessage().contains("absent.txt does not exist"), e.getMessage());
    }

    /** ImageNet-LT layout: train/WNID/..., val list into train/, test list into val/WNID/ (flat on disk). */
    private RunConfig.DataConfig imagenetTree() {
        String[] wnids = {"n01440764", "n01443537", "n01484850"};
        StringBuilder train = new StringBuilder();
        int[] counts = {2, 5, 3};
        int seed = 0;
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < counts[c]; k++) {
                String rel = "train/" + wnids[c] + "/" + wnids[c] + "_" + k + ".JPEG";
                ImageTrees.jpeg(dir.resolve(rel), seed++);
                train.append(rel).append(' ').append(c).append('\n');
            }
        }
        ImageTrees.write(dir.resolve("ImageNet_LT_train.txt"), train.toString());
        ImageTrees.write(dir.resolve("ImageNet_LT_val.txt"), "train/n01440764/n01440764_0.JPEG 0\n"
                + "train/n01484850/n01484850_1.JPEG 2\n");
        StringBuilder test = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            String name = "ILSVRC2012_val_0000000" + c + ".JPEG";
            ImageTrees.jpeg(dir.resolve("val/" + name), 100 + c);
            test.append("val/").append(wnids[c]).append('/').append(name).append(' ').append(c).append('\n');
        }
        ImageTrees.write(dir.resolve("ImageNet_LT_test.txt"), test.toString());
        RunConfig.DataConfig config = new RunConfig.DataConfig();
        config.dataset = "imagenet-lt";
        config.root = dir.toString();
        config.numClasses = 3;
        config.decoder = "imageio";
        return config;
    }

    @Test
    void imagenetLtWithFlatValFallbackAndFrequencyLabels() throws Exception {
        RunConfig.DataConfig config = imagenetTree();
        BadInputException e = assertThrows(BadInputException.class, () -> DataSources.prepareFiles(config, 1));
        assertTrue(e.getMessage().startsWith(dir.resolve("ImageNet_LT_test.txt") + " line 1: image file "), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        config.flatValFallback = true;
        config.labelOrder = "frequency";
        config.groups.rule = "cb";
        ImageFileData data = DataSources.prepareFiles(config, 1);
        assertEquals(10, data.train().size());
        assertArrayEquals(new int[] {2, 5, 3}, data.originalTrainCounts());
        // frequency order: class 1 (5 images) -> 0, class 2 (3) -> 1, class 0 (2) -> 2
        assertEquals(List.of("n01443537", "n01484850", "n01440764"), data.classNames());
        assertArrayEquals(new int[] {5, 3, 2}, data.train().classCounts());
        assertEquals(2, data.train().label(0));
        assertEquals(2, data.validation().size());
        assertEquals(2, data.validation().label(0));
        assertEquals(1, data.validation().label(1));
        assertEquals(dir.resolve("val/ILSVRC2012_val_00000000.JPEG"), data.test().path(0));
        assertEquals(2, data.test().label(0));
        assertTrue(data.groups().rule().startsWith("cb:"), data.groups().rule());
        assertEquals(3, data.groups().few().size());
        assertTrue(data.description().contains("frequency-sorted"), data.description());

        Path run = dir.resolve("run");
        java.nio.file.Files.createDirectories(run);
        data.writeRunFiles(run);
        assertEquals(List.of("label\toriginal_label\tclass_name\ttrain_count\tgroup", "0\t1\tn01443537\t5\tfew",
                "1\t2\tn01484850\t3\tfew", "2\t0\tn01440764\t2\tfew"),
                java.nio.file.Files.readAllLines(run.resolve("classes.tsv")));
        assertTrue(java.nio.file.Files.readString(run.resolve("groups.txt")).startsWith("cb: many > 100"));
    }

    @Test
    void missingImageNamedByTrainListIsOneLineWithFileAndLine() {
        RunConfig.DataConfig config = imagenetTree();
        ImageTrees.write(dir.resolve("ImageNet_LT_train.txt"), "train/n01440764/n01440764_0.JPEG 0\n"
                + "train/n01440764/missing.JPEG 0\n");
        BadInputException e = assertThrows(BadInputException.class, () -> DataSources.prepareFiles(config, 1));
        assertEquals(dir.resolve("ImageNet_LT_train.txt") + " line 2: image file "
                + dir.resolve("train/n01440764/missing.JPEG") + " does not exist; expected the list's paths under the"
                + " image root " + dir, e.getMessage());
    }

    @Test
    void placesEasyListReadsTheStandardLayoutAndBack() {
        // images in the Places365-Standard layout
        ImageTrees.jpeg(dir.resolve("std/data_256/a/arena/hockey/00004852.jpg"), 1);
        ImageTrees.jpeg(dir.resolve("std/data_256/a/airfield/00000001.jpg"), 2);
        ImageTrees.jpeg(dir.resolve("std/val_256/Places365_val_00000001.jpg"), 3);
        ImageTrees.write(dir.resolve("easy/Places_LT_train.txt"),
                "train/airfield/00000001.jpg 0\ntrain/arena-hockey/00004852.jpg 1\n");
        ImageTrees.write(dir.resolve("easy/Places_LT_test.txt"), "val/arena-hockey/Places365_val_00000001.jpg 1\n");
        RunConfig.DataConfig config = new RunConfig.DataConfig();
        config.dataset = "places-lt";
        config.root = dir.resolve("easy").toString();
        config.imageRoot = dir.resolve("std").toString();
        config.numClasses = 2;
        config.pathRewrite = "places-easy-to-256";
        config.decoder = "imageio";
        ImageFileData data = DataSources.prepareFiles(config, 0);
        assertEquals(dir.resolve("std/data_256/a/arena/hockey/00004852.jpg"), data.train().path(1));
        assertEquals(dir.resolve("std/val_256/Places365_val_00000001.jpg"), data.test().path(0));
        assertEquals(List.of("airfield", "arena/hockey"), data.classNames());
        assertEquals(null, data.validation());

        // images in the easy layout, lists in the MiSLAS (data_256) format
        ImageTrees.jpeg(dir.resolve("e/train/arena-hockey/00004852.jpg"), 1);
        ImageTrees.jpeg(dir.resolve("e/train/airfield/00000001.jpg"), 2);
        ImageTrees.jpeg(dir.resolve("e/val/arena-hockey/Places365_val_00000001.jpg"), 3);
        ImageTrees.write(dir.resolve("m/Places_LT_train.txt"),
                "data_256/a/airfield/00000001.jpg 0\r\ndata_256/a/arena/hockey/00004852.jpg 1\r\n");
        ImageTrees.write(dir.resolve("m/Places_LT_test.txt"), "val_256/Places365_val_00000001.jpg 1\n");
        config.root = dir.resolve("m").toString();
        config.imageRoot = dir.resolve("e").toString();
        config.pathRewrite = "places-256-to-easy";
        data = DataSources.prepareFiles(config, 0);
        assertEquals(dir.resolve("e/train/arena-hockey/00004852.jpg"), data.train().path(1));
        assertEquals(dir.resolve("e/val/arena-hockey/Places365_val_00000001.jpg"), data.test().path(0));

        // a prefix map instead
        config.pathRewrite = "none";
        config.pathPrefixes = List.of("data_256/a/airfield/=train/airfield/",
                "data_256/a/arena/hockey/=train/arena-hockey/", "val_256/=val/arena-hockey/");
        data = DataSources.prepareFiles(config, 0);
        assertEquals(dir.resolve("e/train/arena-hockey/00004852.jpg"), data.train().path(1));
        assertEquals(dir.resolve("e/val/arena-hockey/Places365_val_00000001.jpg"), data.test().path(0));
    }

    private static final String IMAGES = "\"images\": [{\"id\": 7, \"file_name\": \"train_val2018/Plantae/2/a.jpg\", "
            + "\"width\": 40}, {\"id\": 3, \"file_name\": \"train_val2018/Animalia/0/b.jpg\"}, "
            + "{\"id\": 9, \"file_name\": \"train_val2018/Animalia/1/c.jpg\"}]";

    @Test
    void inaturalistJsonJoinsOnImageIdNotPosition() {
        ImageTrees.jpeg(dir.resolve("train_val2018/Plantae/2/a.jpg"), 1);
        ImageTrees.jpeg(dir.resolve("train_val2018/Animalia/0/b.jpg"), 2);
        ImageTrees.jpeg(dir.resolve("train_val2018/Animalia/1/c.jpg"), 3);
        Path json = ImageTrees.write(dir.resolve("train2018.json"), "{\"info\": {\"year\": 2018}, "
                + "\"annotations\": [{\"id\": 1, \"image_id\": 9, \"category_id\": 1}, "
                + "{\"id\": 2, \"image_id\": 7, \"category_id\": 2}, {\"image_id\": 3, \"category_id\": 0}], "
                + IMAGES + ", \"categories\": [{\"id\": 0, \"name\": \"Aa\"}, {\"id\": 2, \"name\": \"Cc\"}]}");
        INaturalistJson.Contents contents = INaturalistJson.read(json);
        assertEquals(List.of("train_val2018/Plantae/2/a.jpg", "train_val2018/Animalia/0/b.jpg",
                "train_val2018/Animalia/1/c.jpg"), contents.lines().paths());
        assertArrayEquals(new int[] {2, 0, 1}, contents.lines().labels());
        assertEquals("Cc", contents.categoryNames().get(2));

        // the same samples as CB's text list
        ImageTrees.write(dir.resolve("iNaturalist18_val.txt"), "train_val2018/Plantae/2/a.jpg 2\n"
                + "train_val2018/Animalia/0/b.jpg 0\ntrain_val2018/Animalia/1/c.jpg 1\n");
        RunConfig.DataConfig config = new RunConfig.DataConfig();
        config.dataset = "inaturalist2018";
        config.root = dir.toString();
        config.numClasses = 3;
        config.decoder = "imageio";
        ImageFileData data = DataSources.prepareFiles(config, 0);
        assertArrayEquals(data.train().labels(), data.test().labels());
        assertEquals(data.train().path(2), data.test().path(2));
        assertEquals(List.of("Animalia/0", "Animalia/1", "Plantae/2"), data.classNames());
        assertTrue(data.description().contains("train2018.json"), data.description());
    }

    @Test
    void inaturalistJsonWithoutExpectedFieldsIsRefused() {
        Path noAnnotations = ImageTrees.write(dir.resolve("a.json"), "{" + IMAGES + "}");
        BadInputException e = assertThrows(BadInputException.class, () -> INaturalistJson.read(noAnnotations));
        assertTrue(e.getMessage().startsWith(noAnnotations + ": no \"annotations\" array"), e.getMessage());

        Path noCategory = ImageTrees.write(dir.resolve("b.json"), "{" + IMAGES + ", \"annotations\": "
                + "[{\"image_id\": 7, \"category_id\": 1}, {\"image_id\": 3}]}");
        e = assertThrows(BadInputException.class, () -> INaturalistJson.read(noCategory));
        assertTrue(e.getMessage().startsWith(noCategory + " at line 1 column"), e.getMessage());
        assertTrue(e.getMessage().contains("$.annotations[1]") && e.getMessage().contains("without category_id"),
                e.getMessage());

        Path unlabelled = ImageTrees.write(dir.resolve("c.json"), "{" + IMAGES + ", \"annotations\": "
                + "[{\"image_id\": 7, \"category_id\": 1}, {\"image_id\": 9, \"category_id\": 1}]}");
        e = assertThrows(BadInputException.class, () -> INaturalistJson.read(unlabelled));
        assertTrue(e.getMessage().contains("images[1] (id 3) has no annotation"), e.getMessage());

        Path stray = ImageTrees.write(dir.resolve("d.json"), "{" + IMAGES + ", \"annotations\": "
                + "[{\"image_id\": 7, \"category_id\": 1}, {\"image_id\": 3, \"category_id\": 1}, "
                + "{\"image_id\": 9, \"category_id\": 1}, {\"image_id\": 4, \"category_id\": 1}]}");
        e = assertThrows(BadInputException.class, () -> INaturalistJson.read(stray));
        assertTrue(e.getMessage().contains("names image id 4"), e.getMessage());

        Path notJson = ImageTrees.write(dir.resolve("e.json"), "[1, 2]");
        e = assertThrows(BadInputException.class, () -> INaturalistJson.read(notJson));
        assertTrue(e.getMessage().startsWith(notJson + ": not the iNaturalist COCO-style JSON"), e.getMessage());
    }

    @Test
    void labelMapSortsByCountThenLabel() {
        LabelMap map = LabelMap.byFrequency(new int[] {3, 7, 3, 9, 1});
        assertArrayEquals(new int[] {2, 1, 3, 0, 4}, new int[] {map.newLabel(0), map.newLabel(1), map.newLabel(2),
                map.newLabel(3), map.newLabel(4)});
        assertEquals(3, map.originalLabel(0));
    }
}
