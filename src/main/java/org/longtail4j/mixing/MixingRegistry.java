package org.longtail4j.mixing;

import org.longtail4j.parts.PartRegistry;

/** Every batch mixing a stage can name ({@code mixing: {type: NAME, ...}}): the one place they are registered. */
public final class MixingRegistry {

    public static final PartRegistry<BatchMixing> MIXINGS = new PartRegistry<BatchMixing>("batch mixing");

    static {
        MIXINGS.register("mixup", "input mixup: x' = lambda x + (1 - lambda) x[perm], lambda ~ Beta(alpha, alpha)",
                "Zhang et al. 2018", Mixup.Settings.class, Mixup::new);
        MIXINGS.register("cutmix", "a box of a permuted copy pasted into the batch, lambda corrected to the kept "
                + "area", "Yun et al. 2019", CutMix.Settings.class, CutMix::new);
        MIXINGS.register("cmo", "CutMix with foregrounds from a minority-weighted stream, inside an epoch window",
                "CMO (Park et al. 2022)", Cmo.Settings.class, Cmo::new);
        MIXINGS.register("bilateral", "BBN: the primary batch feeds the conventional branch, a reversed-sampler "
                + "batch the re-balancing one; targets weighted by the cumulative-learning alpha(epoch)",
                "BBN (Zhou et al. 2020)", Bilateral.Settings.class, Bilateral::new);
    }

    private MixingRegistry() {}
}
