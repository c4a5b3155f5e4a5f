package org.longtail4j.data.images;

/**
 * torchvision's test-time Resize(resize) + CenterCrop(crop) on PIL images.
 *
 * <p>Resize with an int: the shorter side becomes {@code resize}, the longer
 * {@code int(resize * long / short)} (500 x 375 gives 341 x 256); an image whose shorter side already
 * equals it is unchanged. CenterCrop: top = round((H - crop) / 2), left = round((W - crop) / 2) with
 * ties to even (Python's round); an image smaller than the crop is first zero-padded, (crop - W) // 2 on
 * the left and the rest on the right (likewise vertically). Only the cropped window of the resize is
 * computed; it equals the same window of the full resize.
 */
public final class ResizeCenterCrop {

    private final int resize;
    private final int crop;

    public ResizeCenterCrop(int resize, int crop) {
        this.resize = resize;
        this.crop = crop;
    }

    public int crop() {
        return crop;
    }

    /** Width and height after Resize(resize). */
    public int[] resizedSize(int width, int height) {
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        if (shorter == resize) {
            return new int[] {width, height};
        }
        int newLong = (int) ((double) ((long) resize * longer) / shorter);
        return width <= height ? new int[] {resize, newLong} : new int[] {newLong, resize};
    }

    public RgbImage apply(RgbImage image) {
        int[] wh = resizedSize(image.width(), image.height());
        int w = wh[0];
        int h = wh[1];
        if (w >= crop && h >= crop) {
            int top = (int) Math.rint((h - crop) / 2.0);
            int left = (int) Math.rint((w - crop) / 2.0);
            return PilResample.resize(image, 0, 0, image.width(), image.height(), w, h, left, top, crop, crop);
        }
        RgbImage resized = PilResample.resize(image, w, h);
        int padLeft = w < crop ? (crop - w) / 2 : 0;
        int padTop = h < crop ? (crop - h) / 2 : 0;
        int pw = Math.max(w, crop);
        int ph = Math.max(h, crop);
        int top = (int) Math.rint((ph - crop) / 2.0);
        int left = (int) Math.rint((pw - crop) / 2.0);
        byte[] out = new byte[3 * crop * crop];
        for (int y = 0; y < crop; y++) {
            int sy = y + top - padTop;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < crop; x++) {
                int sx = x + left - padLeft;
                if (sx >= 0 && sx < w) {
                    System.arraycopy(resized.rgb(), 3 * (sy * w + sx), out, 3 * (y * crop + x), 3);
                }
            }
        }
        return new RgbImage(crop, crop, out);
    }
}
