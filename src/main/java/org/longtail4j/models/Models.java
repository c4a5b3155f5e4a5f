package org.longtail4j.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.longtail4j.config.RunConfig;

/** Builds and initialises the classifier a config describes. */
public final class Models {

    private Models() {}

    /**
     * A new, initialised classifier for images of {@code channels x height x width} and {@code classes}
     * classes. Initial values come from the engine's generator: seed it first for reproducible runs.
     */
    public static ImageClassifier create(RunConfig.ModelConfig config, int classes, int channels, int height, int width,
            NDManager manager) {
        ClassifierHead head = "cosine".equals(config.head)
                ? new CosineHead(classes, (float) config.cosineScale)
                : new LinearHead(classes);
        ImageClassifier model = new ImageClassifier(Architectures.backbone(config.arch, config.channelsLast), head);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, channels, height, width));
        return model;
    }
}
