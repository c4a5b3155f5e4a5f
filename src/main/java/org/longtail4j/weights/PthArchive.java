package org.longtail4j.weights;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;
import org.longtail4j.BadInputException;

/**
 * A state_dict file as {@code torch.save} writes it since PyTorch 1.6 (large-scale.md 5.4): a zip
 * holding {@code <folder>/data.pkl} (the pickled dict, read by {@link TorchPickle}), one
 * {@code <folder>/data/<key>} entry of raw bytes per storage, and optionally {@code byteorder}.
 */
final class PthArchive {

    private PthArchive() {}

    /** True when the zip holds a {@code data.pkl}: a .pth rather than an .npz. */
    static boolean isPth(ZipFile zip) {
        return pickleEntry(zip) != null;
    }

    /**
     * Every tensor of the state_dict by key, in file order; non-tensor entries are an error.
     *
     * @throws BadInputException naming the file and what was wrong
     */
    static Map<String, HostTensor> read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = pickleEntry(zip);
            if (pickle == null) {
                throw new BadInputException(file + ": a zip without data.pkl is not a torch.save file");
            }
            String folder = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            ByteOrder order = byteOrder(zip, folder, file);
            Object root;
            try (InputStream in = zip.getInputStream(pickle)) {
                root = TorchPickle.read(in);
            } catch (PickleException e) {
                throw new BadInputException(file + ": " + e.getMessage());
            }
            if (!(root instanceof Map<?, ?> dict)) {
                throw new BadInputException(file + ": holds a pickled " + root
                        + ", expected a state_dict (torch.save(model.state_dict(), file))");
            }
            Map<String, ByteBuffer> storages = new HashMap<>();
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof TorchPickle.TensorRef ref)) {
                    throw new BadInputException(file + ": entry '" + key + "' is not a tensor");
                }
                ByteBuffer storage = storages.get(ref.storage().key());
                if (storage == null) {
                    storage = storage(zip, folder, ref.storage(), order, file);
                    storages.put(ref.storage().key(), storage);
                }
                tensors.put(key, tensor(key, ref, storage, file));
            }
            return tensors;
        }
    }

    private static ZipEntry pickleEntry(ZipFile zip) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.equals("data.pkl") || (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9)) {
                return entry;
            }
        }
        return null;
    }

    private static ByteOrder byteOrder(ZipFile zip, String folder, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(folder + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return switch (order) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new BadInputException(file + ": byteorder '" + order + "', expected little or big");
            };
        }
    }

    /** The storage's bytes, in little-endian order whatever the file's. */
    private static ByteBuffer storage(ZipFile zip, String folder, TorchPickle.StorageRef ref, ByteOrder order,
            Path file) throws IOException {
        ZipEntry entry = zip.getEntry(folder + "data/" + ref.key());
        if (entry == null) {
            throw new BadInputException(file + ": storage data/" + ref.key() + " is missing from the archive");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        int size = ref.dataType().getNumOfBytes();
        if (bytes.length != ref.elements() * size) {
            throw new BadInputException(file + ": storage data/" + ref.key() + " has " + bytes.length
                    + " bytes, expected " + ref.elements() + " x " + size);
        }
        if (order == ByteOrder.BIG_ENDIAN && size > 1) {
            for (int i = 0; i < bytes.length; i += size) {
                for (int a = i, b = i + size - 1; a < b; a++, b--) {
                    byte t = bytes[a];
                    bytes[a] = bytes[b];
                    bytes[b] = t;
                }
            }
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The tensor's slice of its storage; only contiguous (row-major) tensors are accepted. */
    private static HostTensor tensor(String key, TorchPickle.TensorRef ref, ByteBuffer storage, Path file) {
        long[] size = ref.size();
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && ref.stride()[d] != expected) {
                throw new BadInputException(file + ": tensor '" + key + "' is not contiguous (size "
                        + java.util.Arrays.toString(size) + ", stride " + java.util.Arrays.toString(ref.stride())
                        + "); save tensor.contiguous() values");
            }
            expected *= size[d];
        }
        DataType type = ref.storage().dataType();
        long start = ref.offset() * type.getNumOfBytes();
        long length = expected * type.getNumOfBytes();
        if (ref.offset() < 0 || start + length > storage.capacity()) {
            throw new BadInputException(file + ": tensor '" + key + "' reaches past the end of its storage");
        }
        ByteBuffer slice = storage.duplicate().position((int) start).limit((int) (start + length)).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new HostTensor(type, new Shape(size), slice);
    }
}
