package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.testing.CliRun;

/**
 * A run folder records where its data are as an absolute path (and the path as given, in a comment),
 * so that {@code eval --run} and {@code --resume} from another directory read the same data; when the
 * data have moved, both take {@code --data}. Before, a relative data.root was saved as typed and eval
 * had no --data.
 */
class DataRootTest {

    @TempDir
    Path dir;

    @Test
    void aRelativeDataRootIsSavedAbsoluteAndMovedDataAreFoundWithData() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path relative = Path.of("").toAbsolutePath().relativize(data);
        assertTrue(!relative.isAbsolute());
        Path config = TinyConfigs.write(dir);
        Path out = dir.resolve("out");
        CliRun train = CliRun.of("train", "--config", config.toString(), "--data", relative.toString(), "--out",
                out.toString());
        assertEquals(0, train.exit(), train::toString);

        String saved = Files.readString(out.resolve("config.yaml"));
        assertTrue(saved.startsWith("# data.root was given as: " + relative + "\n"), saved);
        assertEquals(data.toString(), ConfigLoader.loadResolved(out.resolve("config.yaml")).data.root);

        CliRun eval = CliRun.of("eval", "--run", out.toString(), "--json");
        assertEquals(0, eval.exit(), eval::toString);

        Path moved = Files.move(data, dir.resolve("moved"));
        CliRun lost = CliRun.of("eval", "--run", out.toString());
        assertEquals(2, lost.exit(), lost::toString);
        assertTrue(lost.err().contains("data folder " + data + " does not exist"), lost::toString);

        CliRun found = CliRun.of("eval", "--run", out.toString(), "--data", moved.toString(), "--json");
        assertEquals(0, found.exit(), found::toString);
        assertEquals(eval.out(), found.out());

        CliRun resumed = CliRun.of("train", "--resume", out.toString(), "--data", moved.toString());
        assertEquals(0, resumed.exit(), resumed::toString);
    }
}
