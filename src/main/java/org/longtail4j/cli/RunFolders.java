package org.longtail4j.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Default run folder names: runs/NAME-yyyyMMdd-HHmmss under the current directory. */
final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {}

    static Path fresh(String name) {
        return Path.of("runs", name + "-" + LocalDateTime.now().format(STAMP));
    }
}
