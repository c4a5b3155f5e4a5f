package org.longtail4j.data.formats;

import net.razorvine.pickle.PickleException;

/**
 * The element type of a pickled numpy array, as far as a reader needs it: its type code ("u1",
 * "f8", ...) and byte order ('|', '<', '>', '=').
 *
 * <p>Only the type code decides whether an array can be read; the byte order is kept so that an
 * error message can show the dtype the way numpy prints it ("&lt;f8").
 */
final class NumpyDtype implements NumpyUnpickler.Stateful {

    private final String code;
    private String byteOrder = "";

    private NumpyDtype(String code) {
        this.code = code;
    }

    /** {@code numpy.dtype(code, align, copy)}: the first argument is all that identifies the type. */
    static NumpyDtype fromArgs(Object[] args) {
        if (args.length == 0) {
            throw new PickleException("numpy.dtype() without a type code");
        }
        return new NumpyDtype(PickleValues.text(args[0]));
    }

    /** numpy's dtype state: (version, byte order, subarray, names, fields, elsize, alignment, flags). */
    @Override
    public void setState(Object state) {
        if (!(state instanceof Object[] tuple) || tuple.length < 2) {
            throw new PickleException("numpy dtype state is not a tuple (version, byte order, ...)");
        }
        byteOrder = PickleValues.text(tuple[1]);
    }

    boolean isUint8() {
        return code.equals("u1");
    }

    @Override
    public String toString() {
        return byteOrder + code;
    }
}
