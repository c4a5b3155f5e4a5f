package org.longtail4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor read from a weights file and still in host memory: row-major values in little-endian
 * order.
 *
 * @param dataType element type as stored
 * @param shape dimensions
 * @param data exactly shape.size() * element-size bytes
 */
public record HostTensor(DataType dataType, Shape shape, ByteBuffer data) {

    /** The values as a new engine array of type float32, owned by {@code manager}. */
    public NDArray toFloat32(NDManager manager) {
        ByteBuffer direct = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(data.duplicate()).flip();
        NDArray stored = manager.create(direct, shape, dataType);
        if (dataType == DataType.FLOAT32) {
            return stored;
        }
        try (stored) {
            return stored.toType(DataType.FLOAT32, false);
        }
    }
}
