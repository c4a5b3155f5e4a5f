package org.longtail4j.reports.toy;

import java.util.List;
import java.util.Locale;
import org.longtail4j.reports.ChartImage;
import org.longtail4j.reports.Html;

/** toy.html: the figure, the settings, the summary over seeds, and what the toy shows and what it does not. */
public final class ToyPage {

    private ToyPage() {}

    /** The page's HTML; {@code png} is the figure of {@code shown}. */
    public static String html(ToyTraining.Settings s, ToyTraining.Result shown, byte[] png, ToySummary summary) {
        StringBuilder body = new StringBuilder();
        body.append(Html.paragraph(String.format(Locale.ROOT, "Two Gaussian classes in 2-D: a head class of %d "
                + "training points around (-1, -1) and a tail class of %d around (+1, +1), standard deviation %.1f per "
                + "coordinate. Stage 1 trains a linear softmax classifier on the points as they come (instance "
                + "sampling); then, from the stage-1 weights, one copy is re-trained on class-balanced batches and "
                + "one on class-balanced batches whose points get one of their two coordinates (p = %.1f, a "
                + "random coordinate per iteration) from an instance-sampled point: H2T with coordinates for "
                + "channels. The figure is seed %d.", s.head(), s.tail(), ToyData.SIGMA, s.p(), shown.seed())));
        body.append(Html.image(ChartImage.dataUri(png), "decision boundaries: class-balanced re-training (left) "
                + "and H2T (right) on the 2-D long-tailed toy"));
        body.append(Html.heading(2, "Over " + summary.seeds() + " seeds"));
        body.append(Html.table(List.of("classifier", "head", "tail", "mean of the two"), summary.cells()));
        StringBuilder diff = new StringBuilder("H2T minus class-balanced, paired by seed:");
        String[] names = {"head", "tail", "mean"};
        for (int c = 0; c < 3; c++) {
            double[] d = summary.h2tMinusBalanced(c);
            diff.append(String.format(Locale.ROOT, " %s %+.2f ± %.2f (higher on %.0f of %d seeds)%s", names[c], d[0],
                    d[1], d[2], summary.seeds(), c < 2 ? ";" : "."));
        }
        body.append(Html.paragraph(diff.toString()));
        body.append(Html.note(String.format(Locale.ROOT, "Accuracy on a balanced test set of %d points per class, "
                + "percent; mean ± sample std over seeds. Stage 1: %d epochs, lr %.2f; re-training: %d epochs, "
                + "batch %d, cosine lr from %.2f, weight decay %.0e, both as plain SGD on cross-entropy.",
                s.testPerClass(), s.stage1Epochs(), s.stage1Lr(), s.stage2Epochs(), s.batch(), s.stage2Lr(),
                s.weightDecay())));
        body.append(Html.heading(2, "What it shows, and what it does not"));
        body.append(Html.paragraph("It shows the mechanism of the paper's figure: with few tail points the "
                + "class-balanced boundary sits close to the tail's observed points (the tail's region is "
                + "under-covered, so tail test points fall on the head side); the fused points, tail-labelled "
                + "but carrying one head coordinate, fill the space between the classes and push the boundary "
                + "toward the head, trading some head accuracy for more tail accuracy."));
        body.append(Html.paragraph("It does not show that H2T helps a deep network: here the features are fixed "
                + "2-D points and the classifier is linear, there is no backbone, no BatchNorm, no augmentation "
                + "and no other classes; with two coordinates p can only replace none, one or both, and the "
                + "balanced optimum is known because the data are Gaussians we drew. Whether H2T helps on real "
                + "data is what the demo and the CIFAR recipes measure."));
        return Html.page("H2T's decision-boundary toy", body.toString());
    }
}
