package org.longtail4j.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.data.BatchStream;
import org.longtail4j.data.HostBatch;
import org.longtail4j.data.images.FileSampleMaker;
import org.longtail4j.data.images.ImageIoDecoder;
import org.longtail4j.data.images.Normalisation;
import org.longtail4j.data.images.OpenCvDecoder;
import org.longtail4j.data.images.ResizeCenterCrop;

/** Batches of image files: decoded per batch on a worker pool, deterministic whatever the worker count. */
class FilePipelineTest {

    private static final Normalisation NORM = new Normalisation(Normalisation.IMAGENET_MEAN, Normalisation.IMAGENET_STD);

    @TempDir
    Path dir;

    private ImageFiles files;

    @BeforeEach
    void tree() {
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 5; k++) {
                if (k % 2 == 0) {
                    ImageTrees.jpeg(dir.resolve("c" + c + "/" + k + ".jpg"), 10 * c + k);
                } else {
                    ImageTrees.png(dir.resolve("c" + c + "/" + k + ".png"), 10 * c + k);
                }
            }
        }
        files = ImageFolder.read(dir, "tree");
    }

    private static int[] shuffled(int n) {
        int[] order = org.longtail4j.util.Shuffle.identity(n);
        for (int i = 0; i < n; i++) {
            int j = (i * 7 + 3) % n;
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private List<HostBatch> epoch(FileSampleMaker maker, boolean train, int epoch, int prefetch, int workers) {
        List<HostBatch> out = new ArrayList<>();
        try (BatchStream stream = new BatchStream(files, maker, train,
                List.of(shuffled(files.size()), org.longtail4j.util.Shuffle.identity(files.size())), 4, 42, epoch, prefetch, workers)) {
            while (stream.hasNext()) {
                out.addAll(stream.next());
            }
        }
        return out;
    }

    @Test
    void trainingBatchesDoNotDependOnWorkersOrPrefetch() {
        FileSampleMaker maker = FileSampleMaker.train(files, new ImageIoDecoder(), 24, 0.4, NORM,
                FileSampleMaker.OnBadImage.STOP);
        List<HostBatch> one = epoch(maker, true, 3, 0, 1);
        assertEquals(8, one.size()); // 4 iterations x 2 streams
        assertEquals(3 * 24 * 24 * 4, one.get(0).pixels().length);
        assertEquals(3, one.get(6).size());
        for (int[] setting : new int[][] {{1, 1}, {2, 3}, {4, 2}}) {
            List<HostBatch> other = epoch(maker, true, 3, setting[0], setting[1]);
            for (int b = 0; b < one.size(); b++) {
                assertArrayEquals(one.get(b).pixels(), other.get(b).pixels(), "prefetch/workers " + Arrays.toString(setting));
                assertArrayEquals(one.get(b).labels(), other.get(b).labels());
            }
        }
        List<HostBatch> nextEpoch = epoch(maker, true, 4, 2, 2);
        assertFalse(Arrays.equals(one.get(0).pixels(), nextEpoch.get(0).pixels()), "another epoch draws other crops");
        // labels follow the order
        assertEquals(files.label(shuffled(files.size())[0]), one.get(0).labels()[0]);
    }

    @Test
    void testBatchesAreResizeCentreCropNormalise() throws IOException {
        FileSampleMaker maker = FileSampleMaker.test(files, new ImageIoDecoder(), 28, 24, NORM,
                FileSampleMaker.OnBadImage.STOP);
        HostBatch first = epoch(maker, false, 0, 2, 2).get(1);
        float[] expected = new float[3 * 24 * 24];
        NORM.write(new ResizeCenterCrop(28, 24).apply(new ImageIoDecoder().decode(Files.readAllBytes(files.path(0)))),
                false, expected, 0);
        assertArrayEquals(expected, Arrays.copyOf(first.pixels(), expected.length));
    }

    @Test
    void openCvAndImageIoGiveNearlyTheSameSamples() {
        FileSampleMaker cv = FileSampleMaker.train(files, OpenCvDecoder.load(), 24, 0.4, NORM, FileSampleMaker.OnBadImage.STOP);
        FileSampleMaker io = FileSampleMaker.train(files, new ImageIoDecoder(), 24, 0.4, NORM, FileSampleMaker.OnBadImage.STOP);
        float[] a = epoch(cv, true, 0, 2, 2).get(0).pixels();
        float[] b = epoch(io, true, 0, 2, 2).get(0).pixels();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(a[i] - b[i]);
        }
        // same crops and draws; the JPEG decoders may differ by a grey level here and there (1/255/0.225 ~ 0.017)
        assertTrue(diff / a.length < 0.02, "mean |difference| " + diff / a.length);
    }

    @Test
    void undecodableImageStopsWithItsOriginOrIsSkippedAndCounted() throws IOException {
        Path bad = files.path(2);
        byte[] jpeg = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(jpeg, jpeg.length / 2));
        FileSampleMaker stop = FileSampleMaker.train(files, new ImageIoDecoder(), 24, 0, NORM,
                FileSampleMaker.OnBadImage.STOP);
        BadInputException e = assertThrows(BadInputException.class, () -> epoch(stop, true, 0, 2, 2));
        assertTrue(e.getMessage().startsWith("image folder " + dir + ": image file " + bad
                + " cannot be read: truncated JPEG"), e.getMessage());

        FileSampleMaker skip = FileSampleMaker.train(files, new ImageIoDecoder(), 24, 0, NORM,
                FileSampleMaker.OnBadImage.SKIP);
        List<HostBatch> batches = epoch(skip, true, 0, 2, 2);
        int total = batches.stream().mapToInt(HostBatch::size).sum();
        assertEquals(2 * files.size() - 2, total, "the bad image is left out of both streams");
        assertEquals(2, skip.skipped());
        assertTrue(batches.stream().noneMatch(b -> Arrays.stream(b.indices()).anyMatch(i -> i == 2)));
    }
}
