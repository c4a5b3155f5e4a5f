package org.longtail4j.data.formats;

import java.util.List;

/**
 * The images and labels of one CIFAR batch file, pixels already channel-major (3 x 32 x 32).
 *
 * <p>Both CIFAR versions store each image as 1024 red, 1024 green and 1024 blue bytes, row-major,
 * which is exactly the (C, H, W) layout {@link org.longtail4j.data.ImageDataset} keeps, so the bytes
 * are used as they are.
 */
record CifarBatch(byte[] pixels, int[] labels) {

    static final int IMAGE_BYTES = 3 * 32 * 32;

    /** The batches one after the other, in list order (the order that defines image indices). */
    static CifarBatch concat(List<CifarBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0); // CIFAR-100's single train.bin: spares a 150 MB copy
        }
        int images = batches.stream().mapToInt(b -> b.labels.length).sum();
        byte[] pixels = new byte[images * IMAGE_BYTES];
        int[] labels = new int[images];
        int at = 0;
        for (CifarBatch b : batches) {
            System.arraycopy(b.pixels, 0, pixels, at * IMAGE_BYTES, b.pixels.length);
            System.arraycopy(b.labels, 0, labels, at, b.labels.length);
            at += b.labels.length;
        }
        return new CifarBatch(pixels, labels);
    }
}
