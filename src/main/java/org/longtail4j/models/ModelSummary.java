package org.longtail4j.models;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier's structure and size: its parts (the backbone's and the head's top-level blocks) with
 * their trainable-parameter counts, and the total. "Trainable" counts every weight, bias and BatchNorm
 * scale and shift, frozen or not, but not BatchNorm running statistics: the convention of the
 * parameter counts in the specs (methods-multibranch.md section 1).
 */
public final class ModelSummary {

    /** One top-level block: its name ("backbone.stage1_block1") and its trainable parameters. */
    public record Part(String name, long parameters) {}

    private ModelSummary() {}

    /** The trainable parameters of {@code block} (initialised), BatchNorm running statistics left out. */
    public static long parameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /** The backbone's and the head's top-level blocks in order, each with its parameter count. */
    public static List<Part> parts(ImageClassifier model) {
        List<Part> parts = new ArrayList<>();
        add(parts, "backbone", model.backbone());
        add(parts, "head", model.head());
        return parts;
    }

    private static void add(List<Part> parts, String prefix, Block block) {
        for (Pair<String, Block> child : block.getChildren()) {
            parts.add(new Part(prefix + "." + plain(child.getKey()), parameters(child.getValue())));
        }
        if (block.getChildren().isEmpty()) {
            parts.add(new Part(prefix, parameters(block)));
        }
    }

    /** DJL numbers children ("03stage1_block1"); the name without the number. */
    private static String plain(String djlName) {
        int i = 0;
        while (i < djlName.length() && Character.isDigit(djlName.charAt(i))) {
            i++;
        }
        return djlName.substring(i);
    }
}
