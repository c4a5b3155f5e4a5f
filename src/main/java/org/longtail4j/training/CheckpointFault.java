package org.longtail4j.training;

import java.io.EOFException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.longtail4j.BadInputException;

/**
 * What to tell the user when a checkpoint file cannot be read: which file, whether it is missing or
 * damaged (cut short by a full disk or a copy), and what they can do, naming the stage's other kept
 * checkpoint when there is one. Before, a truncated model.params was blamed on the model settings, a
 * truncated optimizer.ndlist ended in "IllegalArgumentException: Malformed data" with no file named.
 */
final class CheckpointFault {

    private CheckpointFault() {}

    /** {@code file} could not be read or parsed: missing or damaged. */
    static BadInputException unreadable(Path file, Exception e) {
        boolean missing = causedBy(e, NoSuchFileException.class);
        return new BadInputException("checkpoint file " + file + (missing ? " is missing" : " is damaged ("
                + (causedBy(e, EOFException.class) ? "it ends early" : "it cannot be parsed") + ")") + advice(file));
    }

    /**
     * The model's parameters did not load: a missing or cut-short file is damage, anything else (shapes
     * or names that differ) means the checkpoint belongs to another model.
     */
    static BadInputException modelDidNotLoad(Path file, Exception e) {
        if (causedBy(e, NoSuchFileException.class) || causedBy(e, EOFException.class)) {
            return unreadable(file, e);
        }
        return new BadInputException("checkpoint " + file + " does not fit this model (" + e.getMessage()
                + "); was it written with another model.arch, model.head or dataset?");
    }

    /** "; ..." what the user can do: the other kept checkpoint of the stage, or training the stage again. */
    private static String advice(Path file) {
        Path checkpoint = file.toAbsolutePath().getParent();
        Path checkpoints = checkpoint.getParent();
        String name = checkpoint.getFileName().toString();
        String otherName = name.startsWith("last") ? "best" : "last";
        Path other = checkpoints.resolve(otherName);
        if (!other.equals(checkpoint) && Checkpoint.exists(other)) {
            try {
                int epochs = Checkpoint.progress(other).epochsDone();
                return "; the stage's other checkpoint " + other + " (after epoch " + epochs + ") is intact: copy it"
                        + " over " + checkpoint + " to go on from there, or delete " + checkpoint
                        + " to train the stage from its start";
            } catch (BadInputException unreadableToo) {
                // fall through: no intact alternative
            }
        }
        return "; delete " + checkpoint + " to train the stage from its start";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
