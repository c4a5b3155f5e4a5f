package org.longtail4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The smallest run config the end-to-end tests train: one epoch of ResNet-20 on 20 images per class. */
final class TinyConfigs {

    private TinyConfigs() {}

    static final String TINY = """
            name: tiny
            data:
              dataset: fashion-mnist
              imbalance_ratio: 10
              max_per_class: 20
            model:
              arch: resnet20
            stages:
              stage1:
                method: ce
                epochs: 1
                batch_size: 16
                schedule:
                  type: constant
            runtime:
              prefetch: 0
            """;

    /** Writes {@link #TINY} to {@code dir/tiny.yaml}. */
    static Path write(Path dir) throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        return config;
    }
}
