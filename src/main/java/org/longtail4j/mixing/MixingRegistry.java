package org.longtail4j.mixing;

import org.longtail4j.parts.PartRegistry;

/** Every batch mixing a stage can name ({@code mixing: {type: NAME, ...}}): the one place they are registered. */
public final class MixingRegistry {

    public static final PartRegistry<BatchMixing> MIXINGS = new PartRegistry<BatchMixing>("batch mixing");

    static {
        // Registrations go here, e.g.
        // MIXINGS.register("mixup", "input mixup: x' = lambda x + (1 - lambda) x[perm]", "Zhang et al. 2018",
        //         Mixup.Settings.class, Mixup::new);
    }

    private MixingRegistry() {}
}
