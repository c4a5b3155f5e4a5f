package org.longtail4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;

/** Which shipped configs read image files (smoke-run by ImageFileConfigsSmokeTest) and which the small sets. */
final class ImageFileConfigs {

    private ImageFileConfigs() {}

    /** Every run config (.yaml) under configs/, sorted; table-*.yaml are table files (TableCommandTest). */
    static List<String> all() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("configs"))) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().startsWith("table-"))
                    .map(Path::toString).sorted().toList();
        }
    }

    /** The configs whose data.dataset is an image-file dataset. */
    static List<String> paths() throws IOException {
        return all().stream().filter(ImageFileConfigs::readsImageFiles).toList();
    }

    static boolean readsImageFiles(String config) {
        return RunConfig.DataConfig.IMAGE_FILE_DATASETS.contains(
                ConfigLoader.load(Path.of(config), List.of()).data.dataset);
    }
}
