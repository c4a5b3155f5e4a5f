package org.longtail4j.data.formats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import org.longtail4j.BadInputException;

/**
 * The CIFAR "python version": each batch file is a pickled dict.
 *
 * <p>A batch holds {@code data} (a uint8 numpy array, one 3072-byte image per row), the labels
 * ({@code labels} for CIFAR-10, {@code fine_labels} for CIFAR-100, which also has {@code
 * coarse_labels}), {@code filenames} and {@code batch_label}; only the first two matter here. The
 * class names are in another pickled dict: {@code label_names} in batches.meta (CIFAR-10), {@code
 * fine_label_names} in meta (CIFAR-100). The authors wrote these with Python 2's cPickle; files
 * re-pickled by Python 3 (protocol 2) read the same, see {@link PickleValues}.
 */
final class CifarPickleFormat implements CifarFormat {

    @Override
    public CifarBatch readBatch(String file, byte[] content, int numClasses) {
        String labelsKey = numClasses == 100 ? "fine_labels" : "labels";
        Map<String, Object> dict = unpickleDict(file, content, "data and " + labelsKey);
        NumpyArray data = get(dict, "data", NumpyArray.class, file, "a numpy uint8 array");
        List<?> labelList = get(dict, labelsKey, List.class, file, "a list of ints");

        int[] shape = data.shape();
        if (!data.dtype().isUint8() || shape.length != 2 || shape[1] != CifarBatch.IMAGE_BYTES) {
            throw new BadInputException("file " + file + ": data is a " + data
                    + ", expected a uint8 array of N x " + CifarBatch.IMAGE_BYTES);
        }
        if (data.fortranOrder()) {
            throw new BadInputException("file " + file + ": data is a Fortran-order array,"
                    + " expected C order (one image per row)");
        }
        long expectedBytes = (long) shape[0] * CifarBatch.IMAGE_BYTES;
        if (data.data().length != expectedBytes) {
            throw new BadInputException("file " + file + ": data holds " + data.data().length
                    + " bytes, expected " + shape[0] + " x " + CifarBatch.IMAGE_BYTES + " = " + expectedBytes);
        }
        if (labelList.size() != shape[0]) {
            throw new BadInputException("file " + file + ": " + labelList.size() + " " + labelsKey
                    + " for " + shape[0] + " images, expected one per image");
        }
        int[] labels = new int[labelList.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = label(labelList.get(i), file, labelsKey, i);
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new BadInputException("file " + file + ": label " + labels[i] + " of image " + i
                        + " is out of range, expected 0.." + (numClasses - 1));
            }
        }
        return new CifarBatch(data.data(), labels);
    }

    @Override
    public String describeCount(int images, int numClasses) {
        return BatchCount.count(images, "image");
    }

    @Override
    public List<String> readClassNames(String file, byte[] content, int numClasses) {
        String key = numClasses == 100 ? "fine_label_names" : "label_names";
        Map<String, Object> dict = unpickleDict(file, content, key);
        List<?> names = get(dict, key, List.class, file, "a list of " + numClasses + " names");
        if (names.size() != numClasses) {
            throw new BadInputException("file " + file + ": " + key + " has " + names.size()
                    + " names, expected " + numClasses);
        }
        List<String> result = new ArrayList<>();
        for (Object name : names) {
            try {
                result.add(PickleValues.text(name));
            } catch (PickleException e) {
                throw new BadInputException("file " + file + ": " + key + " holds a "
                        + PickleValues.typeName(name) + ", expected names as str", e);
            }
        }
        return result;
    }

    private static Map<String, Object> unpickleDict(String file, byte[] content, String expectedKeys) {
        Object root;
        try {
            root = new NumpyUnpickler().loads(content);
        } catch (IOException | RuntimeException e) {
            // razorvine reports a malformed stream as PickleException, IOException ("premature end of
            // file") or another unchecked exception from its stack; all mean the same to the user
            throw new BadInputException("file " + file + ": not a readable Python pickle (" + e.getMessage()
                    + "), expected a pickled dict with " + expectedKeys, e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new BadInputException("file " + file + ": the pickle holds a " + PickleValues.typeName(root)
                    + ", expected a dict with " + expectedKeys);
        }
        try {
            return PickleValues.textKeyed(map);
        } catch (PickleException e) {
            throw new BadInputException("file " + file + ": the pickled dict has keys that are not text,"
                    + " expected a dict with " + expectedKeys, e);
        }
    }

    private static <T> T get(Map<String, Object> dict, String key, Class<T> type, String file, String expected) {
        if (!dict.containsKey(key)) {
            throw new BadInputException("file " + file + ": no key '" + key + "' in the pickled dict (keys "
                    + dict.keySet() + "), expected " + expected + " under it");
        }
        Object value = dict.get(key);
        if (!type.isInstance(value)) {
            throw new BadInputException("file " + file + ": key '" + key + "' holds a "
                    + PickleValues.typeName(value) + ", expected " + expected);
        }
        return type.cast(value);
    }

    private static int label(Object value, String file, String key, int index) {
        try {
            return PickleValues.intValue(value);
        } catch (PickleException e) {
            throw new BadInputException("file " + file + ": " + key + "[" + index + "] is a "
                    + PickleValues.typeName(value) + ", expected an int", e);
        }
    }
}
