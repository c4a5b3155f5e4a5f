package org.longtail4j.weights;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the {@code data.pkl} of a file written by {@code torch.save(state_dict)} (large-scale.md 5.4)
 * and nothing else: only the opcodes a protocol-2 state_dict uses, and only the globals on a
 * whitelist (OrderedDict, the tensor rebuild functions, the storage types). Any other global or
 * opcode stops the read with its name. No Python object is ever created: the whitelisted globals
 * build plain Java values ({@link TensorRef}, {@link StorageRef}, maps).
 *
 * <p>razorvine's {@link Unpickler} does the stack work; this subclass intercepts GLOBAL (razorvine
 * would otherwise look the name up in its process-wide constructor table and accept any unknown
 * name), BUILD (an OrderedDict's {@code _metadata}, ignored) and persistent ids (storages).
 */
final class TorchPickle extends Unpickler {

    /** A storage named by a persistent id: raw bytes in the archive's {@code data/<key>}. */
    record StorageRef(String key, DataType dataType, long elements) {}

    /** A tensor as {@code torch._utils._rebuild_tensor_v2} describes it. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    /** The value a whitelisted storage-type global stands for. */
    private record StorageType(DataType dataType) {}

    private static final Set<Short> OPCODES = Set.of(Opcodes.PROTO, Opcodes.GLOBAL, Opcodes.EMPTY_DICT,
            Opcodes.EMPTY_LIST, Opcodes.EMPTY_TUPLE, Opcodes.MARK, Opcodes.TUPLE, Opcodes.TUPLE1, Opcodes.TUPLE2,
            Opcodes.TUPLE3, Opcodes.REDUCE, Opcodes.BUILD, Opcodes.SETITEM, Opcodes.SETITEMS, Opcodes.APPEND,
            Opcodes.APPENDS, Opcodes.BINPUT, Opcodes.LONG_BINPUT, Opcodes.BINGET, Opcodes.LONG_BINGET, Opcodes.BININT,
            Opcodes.BININT1, Opcodes.BININT2, Opcodes.LONG1, Opcodes.BINUNICODE, Opcodes.BINSTRING,
            Opcodes.SHORT_BINSTRING, Opcodes.BINFLOAT, Opcodes.NONE, Opcodes.NEWTRUE, Opcodes.NEWFALSE,
            Opcodes.BINPERSID, Opcodes.STOP);

    private static final Map<String, Object> GLOBALS = new LinkedHashMap<>();

    static {
        GLOBALS.put("collections.OrderedDict", (IObjectConstructor) args -> new LinkedHashMap<>());
        GLOBALS.put("torch._utils._rebuild_tensor_v2", (IObjectConstructor) TorchPickle::rebuildTensor);
        GLOBALS.put("torch._utils._rebuild_parameter", (IObjectConstructor) args -> args[0]);
        storage("FloatStorage", DataType.FLOAT32);
        storage("DoubleStorage", DataType.FLOAT64);
        storage("HalfStorage", DataType.FLOAT16);
        storage("BFloat16Storage", DataType.BFLOAT16);
        storage("LongStorage", DataType.INT64);
        storage("IntStorage", DataType.INT32);
        storage("CharStorage", DataType.INT8);
        storage("ByteStorage", DataType.UINT8);
        storage("BoolStorage", DataType.BOOLEAN);
    }

    private static void storage(String name, DataType type) {
        GLOBALS.put("torch." + name, new StorageType(type));
    }

    /** The unpickled object of {@code in}. */
    static Object read(InputStream in) throws IOException {
        TorchPickle pickle = new TorchPickle();
        try {
            return pickle.load(in);
        } finally {
            pickle.close();
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (!OPCODES.contains(key)) {
            throw new PickleException("pickle opcode " + key + " is not one a state_dict uses");
        }
        if (key == Opcodes.GLOBAL) {
            String name = PickleUtils.readline(input) + "." + PickleUtils.readline(input);
            Object value = GLOBALS.get(name);
            if (value == null) {
                throw new PickleException("pickle names '" + name + "', which is not on the whitelist "
                        + GLOBALS.keySet());
            }
            stack.add(value);
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.BUILD) {
            Object state = stack.pop();
            if (!(stack.peek() instanceof Map)) {
                throw new PickleException("pickle sets the state of a " + describe(stack.peek())
                        + "; only an OrderedDict's metadata is expected");
            }
            return NO_RETURN_VALUE;
        }
        return super.dispatch(key);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length == 5 && "storage".equals(t[0]) && t[1] instanceof StorageType type
                && t[2] instanceof String storageKey && t[4] instanceof Number elements) {
            return new StorageRef(storageKey, type.dataType(), elements.longValue());
        }
        throw new PickleException("unexpected persistent id " + describe(pid)
                + "; expected ('storage', torch.<Type>Storage, key, location, numel)");
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)
                || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride)) {
            throw new PickleException("_rebuild_tensor_v2 called with unexpected arguments");
        }
        return new TensorRef(storage, offset.longValue(), longs(size), longs(stride));
    }

    private static long[] longs(Object[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = ((Number) values[i]).longValue();
        }
        return result;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Object[] ? "tuple" : o.getClass().getSimpleName();
    }
}
