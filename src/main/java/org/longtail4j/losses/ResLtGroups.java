package org.longtail4j.losses;

import java.util.Map;

/**
 * ResLT's class groups per dataset (methods-multibranch.md 4.2), as counts of the rarest classes: the M
 * branch learns the {@code medium} rarest classes, the T branch the {@code tail} rarest. The groups are
 * fixed per dataset, independent of the imbalance ratio, and each dataset has its own class count, so
 * they are looked up by it:
 * <ul>
 *   <li>100 classes, CIFAR-100-LT: M = labels 35..99 (65), T = 70..99 (30);</li>
 *   <li>10 classes, CIFAR-10-LT: M = 2..9 (8), T = 4..9 (6); Fashion-MNIST-LT takes the same counts of
 *       its rarest classes (ResLT has no Fashion-MNIST run; the CIFAR-10 proportions are our choice);</li>
 *   <li>1000 classes, ImageNet-LT: the 825 and the 220 rarest;</li>
 *   <li>8142 classes, iNaturalist 2018: the 6600 rarest, no T branch.</li>
 * </ul>
 * "Rarest" is by training count with ties broken by the lower label (a stable sort; the reference's
 * unstable numpy argsort may tie-break otherwise at the ImageNet-LT / iNaturalist boundaries).
 *
 * @param medium how many of the rarest classes the M branch learns
 * @param tail how many of the rarest classes the T branch learns (0: no T branch)
 */
public record ResLtGroups(int medium, int tail) {

    private static final Map<Integer, ResLtGroups> BY_CLASS_COUNT = Map.of(
            100, new ResLtGroups(65, 30),
            10, new ResLtGroups(8, 6),
            1000, new ResLtGroups(825, 220),
            8142, new ResLtGroups(6600, 0));

    /** ResLT's groups for a dataset of {@code classes} classes, or null where ResLT defines none. */
    public static ResLtGroups forClassCount(int classes) {
        return BY_CLASS_COUNT.get(classes);
    }
}
