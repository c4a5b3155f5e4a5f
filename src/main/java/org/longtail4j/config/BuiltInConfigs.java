package org.longtail4j.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configs shipped inside the jar (the repository's configs/ folder), as paths, so that a built-in
 * config's {@code base} key resolves exactly as it does on disk.
 */
public final class BuiltInConfigs {

    private BuiltInConfigs() {}

    /** The built-in config at {@code name}, e.g. "fashion-mnist-lt/demo.yaml". */
    public static Path path(String name) {
        URL url = BuiltInConfigs.class.getResource("/configs/" + name);
        if (url == null) {
            throw new IllegalStateException("built-in config " + name + " is missing from the build");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return jarFileSystem(uri).provider().getPath(uri);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open built-in config " + name, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
