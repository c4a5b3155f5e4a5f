package org.longtail4j.data.images;

import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.longtail4j.BadInputException;
import org.longtail4j.data.SampleMaker;
import org.longtail4j.data.files.ImageFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one image file per sample, decodes it and applies the reference transforms, torchvision's
 * pipeline order: training RandomResizedCrop -&gt; horizontal flip -&gt; ColorJitter (optional) -&gt;
 * ToTensor -&gt; Normalize; test Resize -&gt; CenterCrop -&gt; ToTensor -&gt; Normalize.
 *
 * <p>Draws come from one generator per sample (see {@link SampleMaker#drawsPerSample()}), consumed in a
 * fixed order: crop box, flip, jitter. A file that cannot be read or decoded either stops the run with one
 * line naming the file and the list line that named it ({@link OnBadImage#STOP}), or is skipped, logged and
 * counted ({@link OnBadImage#SKIP}).
 *
 * <p>Memory per call: the file's bytes, its decoded RGB (3 bytes per pixel), the crop; nothing is kept.
 */
public final class FileSampleMaker implements SampleMaker {

    /** What to do with an image that cannot be read mid-run. */
    public enum OnBadImage { STOP, SKIP }

    private static final Logger LOG = LoggerFactory.getLogger(FileSampleMaker.class);

    private final ImageFiles files;
    private final ImageDecoder decoder;
    private final RandomResizedCrop crop;
    private final ColorJitter jitter;
    private final ResizeCenterCrop test;
    private final Normalisation normalisation;
    private final OnBadImage onBadImage;
    private final AtomicLong skipped = new AtomicLong();

    private FileSampleMaker(ImageFiles files, ImageDecoder decoder, RandomResizedCrop crop, ColorJitter jitter,
            ResizeCenterCrop test, Normalisation normalisation, OnBadImage onBadImage) {
        this.files = files;
        this.decoder = decoder;
        this.crop = crop;
        this.jitter = jitter;
        this.test = test;
        this.normalisation = normalisation;
        this.onBadImage = onBadImage;
    }

    /**
     * Training: RandomResizedCrop(size), flip, ColorJitter(jitter, jitter, jitter, 0) when jitter &gt; 0.
     */
    public static FileSampleMaker train(ImageFiles files, ImageDecoder decoder, int size, double jitter,
            Normalisation normalisation, OnBadImage onBadImage) {
        return new FileSampleMaker(files, decoder, new RandomResizedCrop(size),
                jitter > 0 ? new ColorJitter(jitter, jitter, jitter) : null, null, normalisation, onBadImage);
    }

    /** Evaluation: Resize(resize) + CenterCrop(size). */
    public static FileSampleMaker test(ImageFiles files, ImageDecoder decoder, int resize, int size,
            Normalisation normalisation, OnBadImage onBadImage) {
        return new FileSampleMaker(files, decoder, null, null, new ResizeCenterCrop(resize, size), normalisation,
                onBadImage);
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return crop != null ? crop.size() : test.crop();
    }

    @Override
    public int width() {
        return height();
    }

    @Override
    public boolean drawsPerSample() {
        return true;
    }

    /** Images skipped so far because they could not be read (policy SKIP). */
    public long skipped() {
        return skipped.get();
    }

    /** Which decoder reads the files. */
    public ImageDecoder decoder() {
        return decoder;
    }

    @Override
    public boolean write(int index, SplittableRandom random, float[] out, int offset) {
        RgbImage image;
        try {
            byte[] bytes = Files.readAllBytes(files.path(index));
            TruncationCheck.check(bytes);
            image = decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            String message = files.origin(index) + ": image file " + files.path(index) + " cannot be read: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            if (onBadImage == OnBadImage.STOP) {
                throw new BadInputException(message + " (data.on_bad_image: skip leaves such images out)", e);
            }
            long n = skipped.incrementAndGet();
            LOG.warn("{}; skipped ({} so far)", message, n);
            return false;
        }
        if (crop == null || random == null) {
            RgbImage sample = test != null ? test.apply(image)
                    : new ResizeCenterCrop(crop.size(), crop.size()).apply(image);
            normalisation.write(sample, false, out, offset);
            return true;
        }
        CropBox box = crop.box(image.width(), image.height(), random);
        RgbImage sample = crop.apply(image, box);
        boolean mirror = random.nextBoolean();
        if (jitter != null) {
            jitter.apply(sample, jitter.draw(random));
        }
        normalisation.write(sample, mirror, out, offset);
        return true;
    }
}
