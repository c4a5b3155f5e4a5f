package org.longtail4j.data.formats;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.longtail4j.BadInputException;

/**
 * The CIFAR "binary version": fixed-size records of label bytes then 3072 pixel bytes.
 *
 * <p>CIFAR-10 records carry one label byte; CIFAR-100 records carry the coarse (superclass) label
 * and then the fine label, and the fine one is the class. Class names are a text file, one per line
 * (batches.meta.txt, fine_label_names.txt), padded with blank lines in the real files.
 */
final class CifarBinaryFormat implements CifarFormat {

    @Override
    public CifarBatch readBatch(String file, byte[] content, int numClasses) {
        int recordBytes = recordBytes(numClasses);
        int labelBytes = recordBytes - CifarBatch.IMAGE_BYTES;
        if (content.length == 0) {
            throw new BadInputException("file " + file + " is empty, expected " + recordBytes + "-byte records");
        }
        if (content.length % recordBytes != 0) {
            throw new BadInputException("file " + file + ": " + content.length
                    + " bytes is not a whole number of " + recordBytes + "-byte records");
        }
        int images = content.length / recordBytes;
        byte[] pixels = new byte[images * CifarBatch.IMAGE_BYTES];
        int[] labels = new int[images];
        for (int i = 0; i < images; i++) {
            int record = i * recordBytes;
            labels[i] = content[record + labelBytes - 1] & 0xFF; // the last label byte: CIFAR-100's fine label
            if (labels[i] >= numClasses) {
                throw new BadInputException("file " + file + ": label " + labels[i] + " of image " + i
                        + " is out of range, expected 0.." + (numClasses - 1));
            }
            System.arraycopy(content, record + labelBytes, pixels, i * CifarBatch.IMAGE_BYTES,
                    CifarBatch.IMAGE_BYTES);
        }
        return new CifarBatch(pixels, labels);
    }

    @Override
    public String describeCount(int images, int numClasses) {
        return BatchCount.count(images, "record") + " of " + recordBytes(numClasses) + " bytes";
    }

    /** CIFAR-100's records carry two label bytes (coarse, fine), CIFAR-10's one. */
    private static int recordBytes(int numClasses) {
        return (numClasses == 100 ? 2 : 1) + CifarBatch.IMAGE_BYTES;
    }

    @Override
    public List<String> readClassNames(String file, byte[] content, int numClasses) {
        List<String> names = new String(content, StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (names.size() != numClasses) {
            throw new BadInputException("file " + file + ": " + names.size()
                    + " class names, expected " + numClasses + " (one per line)");
        }
        return names;
    }
}
