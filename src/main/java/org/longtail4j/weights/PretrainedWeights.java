package org.longtail4j.weights;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.longtail4j.BadInputException;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;
import org.longtail4j.models.imagenet.TorchvisionNamed;

/**
 * {@code model.pretrained}: starts a classifier from a weights file. Three formats, told apart by
 * their content, not their name:
 *
 * <ul>
 *   <li>a torchvision state_dict as {@code torch.save} writes it (.pth: a zip with data.pkl), read in
 *       Java through a whitelisting unpickler ({@link PthArchive});
 *   <li>the same keys as a NumPy .npz (numpy.savez of every entry), read by DJL;
 *   <li>DJL's own block parameters (what this toolkit's checkpoints and exports hold as model.params),
 *       which must come from the same architecture and class count.
 * </ul>
 *
 * <p>For the torchvision formats every name of the backbone must be in the file with its shape, and
 * every name of the file must be one of ours, except {@code num_batches_tracked}, the prefixes the
 * architecture drops on purpose, and the classifier {@code fc.*} when its class count differs from
 * ours (the head then keeps its fresh initial values). Otherwise nothing is loaded and one line says
 * which names are missing and which unexpected. Values are checked completely before any is written.
 */
public final class PretrainedWeights {

    /** What a load did, for the run's log. */
    public record Report(Path file, String sha256, String format, int loaded, List<String> ignored,
            boolean headLoaded) {

        /** One line: file, digest, counts and what was left out. */
        public String summary() {
            return "pretrained: " + file + " (" + format + ", sha256 " + sha256 + "): " + loaded + " tensors loaded"
                    + (headLoaded ? "" : ", classifier left at its initial values")
                    + (ignored.isEmpty() ? "" : ", ignored " + describeIgnored(ignored));
        }

        /** num_batches_tracked as a count (torchvision has one per BatchNorm), other names listed. */
        private static String describeIgnored(List<String> ignored) {
            List<String> named = ignored.stream().filter(k -> !k.endsWith(".num_batches_tracked")).toList();
            long counters = ignored.size() - named.size();
            String counted = counters == 0 ? "" : counters + " num_batches_tracked";
            return named.isEmpty() ? counted : abbreviate(named) + (counted.isEmpty() ? "" : " and " + counted);
        }
    }

    private PretrainedWeights() {}

    /**
     * Loads {@code file} into {@code model} (initialised, not yet trained).
     *
     * @throws BadInputException for an unreadable file, an unknown format, or names and shapes that do
     *     not match the model; the model is then unchanged
     */
    public static Report load(ImageClassifier model, Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("model.pretrained: no file " + file);
        }
        try {
            String digest = sha256(file);
            byte[] head = new byte[4];
            try (InputStream in = Files.newInputStream(file)) {
                in.readNBytes(head, 0, 4);
            }
            if (head[0] == 'P' && head[1] == 'K') {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    if (PthArchive.isPth(zip)) {
                        return loadNamed(model, file, digest, "torch.save state_dict", PthArchive.read(file), manager);
                    }
                } catch (ZipException e) {
                    throw new BadInputException("model.pretrained: " + file + " is not a readable zip: " + e.getMessage());
                }
                return loadNamed(model, file, digest, "npz", npz(file, manager), manager);
            }
            if ((head[0] & 0xff) == 0x80) {
                throw new BadInputException("model.pretrained: " + file + " is a pickle in PyTorch's legacy (pre-1.6)"
                        + " format; re-save it with torch.save(torch.load(f), g) or use torchvision's re-serialized"
                        + " file (e.g. resnet152-394f9c45.pth)");
            }
            return loadDjl(model, file, digest, manager);
        } catch (IOException e) {
            throw new BadInputException("model.pretrained: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * DJL reads a parameter file into whatever shapes it holds, so the shapes are compared after the
     * read. A failed read leaves the model unusable: the run stops with the message.
     */
    private static Report loadDjl(ImageClassifier model, Path file, String digest, NDManager manager)
            throws IOException {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        model.getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape()));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            model.loadParameters(manager, in);
        } catch (MalformedModelException | RuntimeException e) {
            throw new BadInputException("model.pretrained: " + file + " is neither a torchvision .pth/.npz nor DJL"
                    + " parameters of this architecture (" + e.getMessage() + ")");
        }
        for (Pair<String, Parameter> p : model.getParameters()) {
            Shape loaded = p.getValue().getArray().getShape();
            if (!loaded.equals(shapes.get(p.getKey()))) {
                throw new BadInputException("model.pretrained: " + file + " holds DJL parameters of another shape: "
                        + p.getKey() + " " + loaded + ", the model has " + shapes.get(p.getKey()));
            }
            // DJL's load swaps in new arrays that know nothing of gradients: without this the first
            // training step fails ("does not require grad"). Frozen parameters stay without.
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        return new Report(file, digest, "DJL parameters", model.getParameters().size(), List.of(), true);
    }

    /** Loads by torchvision key; see the class comment for the rules. */
    static Report loadNamed(ImageClassifier model, Path file, String digest, String format,
            Map<String, HostTensor> tensors, NDManager manager) {
        if (!(model.backbone() instanceof TorchvisionNamed named)) {
            throw new BadInputException("model.pretrained: " + file + " holds torchvision names, which only the"
                    + " torchvision-layout architectures (tv-*, places-resnet152) have");
        }
        Map<String, Parameter> ours = new LinkedHashMap<>(named.torchvisionKeys());
        Map<String, Parameter> head = headKeys(model);
        List<String> ignored = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        Map<Parameter, HostTensor> assignments = new LinkedHashMap<>();
        boolean headLoaded = !head.isEmpty();
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String key = e.getKey();
            Parameter target = ours.containsKey(key) ? ours.get(key) : head.get(key);
            if (key.endsWith(".num_batches_tracked") || named.droppedPrefixes().stream().anyMatch(key::startsWith)) {
                ignored.add(key);
            } else if (target == null) {
                unexpected.add(key);
            } else if (!target.getArray().getShape().equals(e.getValue().shape())) {
                if (head.containsKey(key)) {
                    headLoaded = false;
                    ignored.add(key);
                } else {
                    wrongShape.add(key + " " + e.getValue().shape() + " (ours " + target.getArray().getShape() + ")");
                }
            } else {
                assignments.put(target, e.getValue());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : ours.entrySet()) {
            if (!tensors.containsKey(e.getKey())) {
                missing.add(e.getKey());
            }
        }
        for (String key : head.keySet()) {
            if (!tensors.containsKey(key)) {
                headLoaded = false;
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrongShape.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " names missing (" + abbreviate(missing) + ")");
            }
            if (!unexpected.isEmpty()) {
                problems.add(unexpected.size() + " unexpected (" + abbreviate(unexpected) + ")");
            }
            if (!wrongShape.isEmpty()) {
                problems.add(wrongShape.size() + " of another shape (" + abbreviate(wrongShape) + ")");
            }
            throw new BadInputException("model.pretrained: " + file + " does not fit " + model.backbone().getClass()
                    .getSimpleName() + ": " + String.join(", ", problems));
        }
        if (!headLoaded) {
            // Only the whole classifier or none of it.
            head.values().forEach(assignments::remove);
        }
        for (Map.Entry<Parameter, HostTensor> e : assignments.entrySet()) {
            try (NDArray values = e.getValue().toFloat32(manager)) {
                e.getKey().getArray().set(values.toByteBuffer());
            }
        }
        return new Report(file, digest, format, assignments.size(), ignored, headLoaded);
    }

    /** fc.weight and fc.bias of a linear head; nothing for other heads. */
    private static Map<String, Parameter> headKeys(ImageClassifier model) {
        Map<String, Parameter> keys = new LinkedHashMap<>();
        if (model.head() instanceof LinearHead linear) {
            for (Pair<String, Parameter> p : linear.getParameters()) {
                keys.put(p.getKey().endsWith("bias") ? "fc.bias" : "fc.weight", p.getValue());
            }
        }
        return keys;
    }

    private static Map<String, HostTensor> npz(Path file, NDManager manager) throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager();
                InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (NDArray array : NDList.decode(scratch, in)) {
                ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(bytes).flip();
                tensors.put(array.getName(), new HostTensor(array.getDataType(), array.getShape(), copy));
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("model.pretrained: " + file + " is not a readable .npz: " + e.getMessage());
        }
        return tensors;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static String abbreviate(List<String> names) {
        int shown = Math.min(5, names.size());
        return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? ", ..." : "");
    }
}
