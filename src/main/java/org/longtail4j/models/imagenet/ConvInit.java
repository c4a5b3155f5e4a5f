package org.longtail4j.models.imagenet;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;

/** How a convolution's weight is drawn (large-scale.md 3.2, 3.4). */
public enum ConvInit {
    /** torchvision's ResNets: Kaiming-normal with fan_out and ReLU gain, std sqrt(2 / (out * k * k)). */
    KAIMING_FAN_OUT,
    /**
     * A freshly created torch.nn.Conv2d: Kaiming-uniform with a = sqrt(5), which is uniform in
     * +-1/sqrt(fan_in), fan_in = in / groups * k * k (the Places-LT extra block is made this way).
     */
    PYTORCH_DEFAULT;

    Initializer initializer(int inChannels, int outChannels, int kernel, int groups) {
        if (this == KAIMING_FAN_OUT) {
            return new NormalInitializer((float) Math.sqrt(2.0 / (outChannels * kernel * kernel)));
        }
        return new UniformInitializer((float) (1 / Math.sqrt((double) inChannels / groups * kernel * kernel)));
    }
}
