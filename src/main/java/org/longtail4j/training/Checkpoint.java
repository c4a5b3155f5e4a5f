package org.longtail4j.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;

/**
 * A resumable checkpoint: a folder with the model's parameters (BatchNorm running statistics
 * included), the optimiser's momentum buffers by parameter name, and the training progress.
 *
 * <p>Random state needs no saving: every draw is derived from the seed and the (epoch, iteration)
 * position, so knowing the completed epochs is enough to continue exactly. Folders are replaced by
 * renames, so a run killed while saving keeps its previous checkpoint.
 */
public final class Checkpoint {

    private static final String MODEL = "model.params";
    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String PROGRESS = "progress.json";

    private Checkpoint() {}

    /** Progress at the end of an epoch. */
    public record Progress(String stage, int epochsDone, double bestTop1, int bestEpoch) {}

    public static void save(Path dir, ImageClassifier model, Map<String, NDArray> optimizerState, Progress progress)
            throws IOException {
        try {
            write(dir, model, optimizerState, progress);
        } catch (IOException e) {
            throw Files2.cannotWrite(dir, e); // a full disk: one line naming the checkpoint
        }
    }

    private static void write(Path dir, ImageClassifier model, Map<String, NDArray> optimizerState, Progress progress)
            throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path fresh = parent.resolve(dir.getFileName() + ".new");
        Path old = parent.resolve(dir.getFileName() + ".old");
        Files2.deleteTree(fresh);
        Files.createDirectories(fresh);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(fresh.resolve(MODEL))))) {
            NamedParameters.write(model, out);
        }
        NDList buffers = new NDList();
        for (Map.Entry<String, NDArray> e : optimizerState.entrySet()) {
            NDArray array = e.getValue();
            array.setName(e.getKey());
            buffers.add(array);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(fresh.resolve(OPTIMIZER)))) {
            buffers.encode(out);
        }
        Files.writeString(fresh.resolve(PROGRESS), Json.pretty(progress));
        Files2.deleteTree(old);
        if (Files.exists(dir)) {
            Files2.move(dir, old);
        }
        Files2.move(fresh, dir);
        Files2.deleteTree(old);
    }

    /** Whether {@code dir} (or the copy a killed save left aside) holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(locate(dir).resolve(PROGRESS));
    }

    public static Progress progress(Path dir) {
        Path file = locate(dir).resolve(PROGRESS);
        try {
            return Json.mapper().readValue(file.toFile(), Progress.class);
        } catch (IOException e) {
            throw CheckpointFault.unreadable(file, e);
        }
    }

    /**
     * Loads the model's parameters (BatchNorm statistics included) by name. Every parameter of the
     * model must be in the checkpoint and every parameter of the checkpoint in the model, with the same
     * shape; otherwise one line names what is missing, unexpected or of another shape.
     */
    public static void loadModel(Path dir, ImageClassifier model, NDManager manager) {
        Path file = locate(dir).resolve(MODEL);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            NamedParameters.read(file, model, manager, in);
        } catch (IOException e) {
            throw CheckpointFault.modelDidNotLoad(file, e);
        }
        // Loading swaps in new arrays that know nothing of gradients: re-attach them where the
        // parameter is trainable (frozen parameters stay without).
        for (Parameter p : model.getParameters().values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
    }

    /** The optimiser's buffers by name, owned by {@code manager}. */
    public static Map<String, NDArray> loadOptimizer(Path dir, NDManager manager) {
        Path file = locate(dir).resolve(OPTIMIZER);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Map<String, NDArray> state = new LinkedHashMap<>();
            for (NDArray array : NDList.decode(manager, in)) {
                state.put(array.getName(), array);
            }
            return state;
        } catch (IOException | IllegalArgumentException e) {
            throw CheckpointFault.unreadable(file, e);
        }
    }

    /** The folder itself, or the previous copy if a save was killed between its two renames. */
    private static Path locate(Path dir) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path old = dir.toAbsolutePath().getParent().resolve(dir.getFileName() + ".old");
        return Files.isDirectory(old) ? old : dir;
    }
}
