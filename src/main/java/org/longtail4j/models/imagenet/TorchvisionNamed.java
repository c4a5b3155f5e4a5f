package org.longtail4j.models.imagenet;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;

/** A backbone whose parameters can be addressed by torchvision state_dict keys. */
public interface TorchvisionNamed {

    /** Every parameter under its state_dict key. */
    Map<String, Parameter> torchvisionKeys();

    /** Key prefixes of a pretrained file that the backbone leaves out on purpose (not an error). */
    default List<String> droppedPrefixes() {
        return List.of();
    }
}
