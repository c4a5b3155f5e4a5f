package org.longtail4j.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * A model's parameters saved by name rather than in block order, so that a checkpoint says which
 * parameter each array is, and loading can name what is missing, unexpected or of another shape
 * (DJL's own stream format loads strictly in order and fails with a bare message).
 *
 * <p>Format: the magic text, the count, then per parameter its name, its shape as text, and DJL's own
 * encoding of the parameter (length-prefixed).
 */
final class NamedParameters {

    private static final String MAGIC = "longtail4j named parameters v1";

    private NamedParameters() {}

    static void write(Block model, DataOutputStream out) throws IOException {
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        model.getParameters().forEach(parameters::add);
        out.writeUTF(MAGIC);
        out.writeInt(parameters.size());
        for (Pair<String, Parameter> p : parameters) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream encoded = new DataOutputStream(bytes)) {
                p.getValue().save(encoded);
            }
            out.writeUTF(p.getKey());
            out.writeUTF(p.getValue().getArray().getShape().toString());
            out.writeInt(bytes.size());
            bytes.writeTo(out);
        }
    }

    static void read(Path file, Block model, NDManager manager, DataInputStream in) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            magic = "";
        }
        if (!MAGIC.equals(magic)) {
            throw new BadInputException("checkpoint " + file + " is not a parameter file of this toolkit's version "
                    + "(written by an older version, or damaged)");
        }
        int count = in.readInt();
        Map<String, String> shapes = new LinkedHashMap<>();
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            shapes.put(name, in.readUTF());
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            encoded.put(name, bytes);
        }
        Map<String, Parameter> wanted = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            wanted.put(p.getKey(), p.getValue());
        }
        List<String> missing = new ArrayList<>();
        List<String> otherShape = new ArrayList<>();
        for (Map.Entry<String, Parameter> p : wanted.entrySet()) {
            String shape = shapes.get(p.getKey());
            if (shape == null) {
                missing.add(p.getKey());
            } else if (!shape.equals(p.getValue().getArray().getShape().toString())) {
                otherShape.add(p.getKey() + " " + shape + " (model " + p.getValue().getArray().getShape() + ")");
            }
        }
        List<String> unexpected = new ArrayList<>(encoded.keySet());
        unexpected.removeAll(wanted.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty() || !otherShape.isEmpty()) {
            throw new BadInputException("checkpoint " + file + " does not fit this model: "
                    + describe("missing", missing) + describe("unexpected", unexpected)
                    + describe("of another shape", otherShape)
                    + "was it written with another model.arch, model.head or dataset?");
        }
        for (Map.Entry<String, Parameter> p : wanted.entrySet()) {
            try (DataInputStream one = new DataInputStream(new ByteArrayInputStream(encoded.get(p.getKey())))) {
                p.getValue().load(manager, one);
            } catch (MalformedModelException | IOException e) {
                throw new BadInputException("checkpoint " + file + ": parameter " + p.getKey() + " is damaged ("
                        + e.getMessage() + ")");
            }
        }
    }

    private static String describe(String what, List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        List<String> shown = names.size() > 5 ? names.subList(0, 5) : names;
        return what + " " + String.join(", ", shown) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "")
                + "; ";
    }
}
