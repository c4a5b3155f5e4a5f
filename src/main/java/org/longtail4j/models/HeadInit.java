package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Redraws a block's parameters in place with their own initializers (the arrays stay the same objects). */
final class HeadInit {

    private HeadInit() {}

    static void redraw(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            NDArray array = p.getArray();
            try (NDArray fresh = p.getInitializer().initialize(array.getManager(), array.getShape(), array.getDataType())) {
                array.set(fresh.toByteBuffer());
            }
        }
    }
}
