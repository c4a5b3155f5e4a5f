package org.longtail4j.methods;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A transform of the backbone's feature maps before the head (H2T's channel fusion). It runs only in
 * stages whose backbone is frozen, takes one map per branch, and may ask for extra batch streams whose
 * maps it receives alongside. Registered by name in {@link FeatureTransforms}.
 */
public interface FeatureTransform {

    /** Sampler specs of the extra streams whose maps {@link #apply} receives (H2T: one instance stream). */
    List<Object> extraStreams();

    /**
     * @param maps the primary batch's maps, one per branch
     * @param extraMaps per extra stream, its batch's maps (one per branch)
     * @param random this step's draws for the transform
     * @return the maps the head sees, one per branch
     */
    NDList apply(NDList maps, List<NDList> extraMaps, SplittableRandom random);

    String describe();
}
