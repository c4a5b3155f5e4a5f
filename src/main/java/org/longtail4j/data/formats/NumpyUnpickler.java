package org.longtail4j.data.formats;

import java.io.IOException;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * A razorvine {@link Unpickler} that understands the numpy pieces of a pickled {@code ndarray}.
 *
 * <p>numpy pickles an array as {@code numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')}
 * (an empty array) followed by BUILD with the state tuple {@code (version, shape, dtype, is_fortran,
 * raw bytes)}; the dtype in that tuple is itself {@code numpy.dtype('u1', False, True)} followed by
 * BUILD with its own state. Constructors registered for those globals create {@link NumpyArray} and
 * {@link NumpyDtype}. Their state is handed over here, not by razorvine's BUILD, because razorvine
 * looks up a public {@code __setstate__} method by reflection, which would force these plumbing
 * classes into the public API. numpy 2 writes the module as {@code numpy._core.multiarray}; both
 * names are registered.
 */
final class NumpyUnpickler extends Unpickler {

    /** An object whose pickled state (the argument of BUILD) this unpickler hands to it. */
    interface Stateful {
        /**
         * @throws PickleException when the state does not have the shape numpy writes
         */
        void setState(Object state);
    }

    static {
        // razorvine keeps constructors in one static table; registering again is harmless
        IObjectConstructor reconstruct = args -> new NumpyArray();
        Unpickler.registerConstructor("numpy.core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy", "dtype", NumpyDtype::fromArgs);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (key == Opcodes.BUILD && stack.size() >= 2) {
            Object state = stack.pop();
            if (stack.peek() instanceof Stateful target) {
                target.setState(state);
                return NO_RETURN_VALUE;
            }
            stack.add(state);
        }
        return super.dispatch(key);
    }
}
