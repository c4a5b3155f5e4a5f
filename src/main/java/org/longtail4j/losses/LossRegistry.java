package org.longtail4j.losses;

import org.longtail4j.parts.PartRegistry;

/**
 * Every loss a stage can name ({@code loss: {type: NAME, ...}}): the one place they are registered.
 * Each entry: name, one-line summary, paper, typed settings, factory.
 */
public final class LossRegistry {

    public static final PartRegistry<Loss> LOSSES = new PartRegistry<Loss>("loss");

    static {
        // Registrations go here, one line (or statement) each, e.g.
        // LOSSES.register("ce", "cross-entropy (optionally class-weighted)", "-", CrossEntropy.Settings.class,
        //         CrossEntropy::new);
    }

    private LossRegistry() {}
}
