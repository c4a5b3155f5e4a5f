package org.longtail4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training stage: how long, with what optimiser and schedule, and the parts that make its method.
 *
 * <p>A method is a composition of registered parts (see {@code longtail methods}): the sampler of the
 * stage's batches, an optional batch mixing, an optional feature transform between backbone and head,
 * the loss, the edits applied to the model at the stage's start (freeze, re-initialise, ...) and the
 * prediction evaluation uses. {@code method} names a preset composition ({@code src/main/resources/
 * methods/NAME.yaml}); any part the stage leaves out (null) comes from it, and {@code none} switches a
 * part off. Each part is a name or a mapping {@code {type: NAME, setting: value}}, checked by the part's
 * own registry; the resolved config records every part with all its settings.
 */
public final class StageConfig {

    @Meaning("A method: a preset composition of parts (see longtail methods).")
    public String method = null;
    @Meaning("Training epochs of the stage (0 = a post-hoc stage without training, e.g. tau-norm).")
    public int epochs = 0;
    @Meaning("Training images per batch.")
    public int batchSize = 128;
    @Meaning("Peak learning rate.")
    public double lr = 0.1;
    @Meaning("SGD momentum, in [0, 1).")
    public double momentum = 0.9;
    @Meaning("Coupled (L2) weight decay on every trained parameter, as torch.optim.SGD.")
    public double weightDecay = 2e-4;
    @Meaning("Nesterov momentum.")
    public boolean nesterov = false;
    public ScheduleConfig schedule = new ScheduleConfig();
    @Meaning("Learning-rate factors of parts of the model: backbone, head, scale (learnable weight scaling); a part "
            + "not named trains at the stage's rate. MiSLAS: {head: 0.2} (the classifier at 0.2 x lr, the scales at "
            + "lr).")
    public java.util.Map<String, Double> lrFactors = new java.util.LinkedHashMap<>();
    @Meaning("Where the stage's batches come from (a sampler); null = the method's.")
    public Object sampler = null;
    @Meaning("Batch mixing (mixup, cutmix, cmo) or none; null = the method's.")
    public Object mixing = null;
    @Meaning("Feature transform between backbone and head (h2t) or none; null = the method's.")
    public Object transform = null;
    @Meaning("The training loss; null = the method's.")
    public Object loss = null;
    @Meaning("Edits at the stage's start, by name, in order (freeze-backbone, reinit-head, ...); null = the "
            + "method's.")
    public Map<String, Object> edits = null;
    @Meaning("How evaluation turns the model's output into scores (plain, logit-adjusted); null = the method's.")
    public Object prediction = null;

    public static final class ScheduleConfig {
        @Meaning("Learning-rate schedule: warmup-multistep, cosine (epoch e at the cosine's step e: the first at the "
                + "peak), cosine-stepped (stepped before each epoch, as cRT's and LWS's code: the first below the peak, "
                + "the last at 0) or constant.")
        public String type = "warmup-multistep";
        @Meaning("Epochs of linear learning-rate warm-up at the start of the stage.")
        public int warmupEpochs = 5;
        @Meaning("warmup-multistep only: the warm-up's starting fraction s, lr = lr (s (1 - e/W) + e/W) in the 1-indexed "
                + "epochs e = 1..W; 0 = plain linear warm-up (LDAM-DRW, RIDE), 1/3 for ResLT and BBN.")
        public double warmupFrom = 0;
        @Meaning("1-indexed epochs after which the learning rate is multiplied by gamma.")
        public List<Integer> milestones = new ArrayList<>(List.of(160, 180));
        @Meaning("Factor the learning rate is multiplied by at each milestone.")
        public double gamma = 0.1;
    }

    /** The edits as an ordered map (empty when none). */
    public Map<String, Object> editsOrEmpty() {
        return edits == null ? new LinkedHashMap<>() : edits;
    }
}
