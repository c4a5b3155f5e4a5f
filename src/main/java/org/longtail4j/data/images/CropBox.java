package org.longtail4j.data.images;

/** A crop of an image: rows [top, top + height), columns [left, left + width), as torchvision names them. */
public record CropBox(int top, int left, int height, int width) {}
