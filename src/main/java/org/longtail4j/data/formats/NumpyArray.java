package org.longtail4j.data.formats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.razorvine.pickle.PickleException;

/**
 * A numpy array read from a pickle: shape, dtype, memory order and raw bytes, uninterpreted.
 *
 * <p>Whether these fit (uint8, N x 3072, C order) is for the caller to judge, because only the caller
 * knows the file and can say what it expected there.
 */
final class NumpyArray implements NumpyUnpickler.Stateful {

    private int[] shape = new int[0];
    private NumpyDtype dtype;
    private boolean fortranOrder;
    private byte[] data = new byte[0];

    /**
     * numpy's array state: {@code (version, shape, dtype, is_fortran, data)}. The data of a numeric
     * array is its raw memory: a Python 2 {@code str}, which razorvine turns into a Java string of
     * chars 0..255 (so ISO-8859-1 gives the bytes back), or Python 3 {@code bytes}, which arrive as a
     * byte array.
     */
    @Override
    public void setState(Object state) {
        if (!(state instanceof Object[] tuple) || tuple.length != 5
                || !(tuple[1] instanceof Object[] dims) || !(tuple[2] instanceof NumpyDtype type)) {
            throw new PickleException("numpy array state is not (version, shape, dtype, is_fortran, data)");
        }
        shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = PickleValues.intValue(dims[i]);
        }
        dtype = type;
        fortranOrder = PickleValues.truth(tuple[3]);
        if (tuple[4] instanceof byte[] bytes) {
            data = bytes;
        } else if (tuple[4] instanceof String chars) {
            data = chars.getBytes(StandardCharsets.ISO_8859_1);
        } else {
            throw new PickleException("numpy array data is a " + PickleValues.typeName(tuple[4])
                    + ", expected raw bytes (an object array cannot be read)");
        }
    }

    int[] shape() {
        return shape.clone();
    }

    NumpyDtype dtype() {
        return dtype;
    }

    boolean fortranOrder() {
        return fortranOrder;
    }

    /** The raw element bytes, in the order numpy had them in memory. */
    byte[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "numpy array " + Arrays.toString(shape) + " of " + dtype;
    }
}
