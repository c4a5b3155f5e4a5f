package org.longtail4j.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longtail4j.BadInputException;
import org.longtail4j.models.Architectures;

/** Range and vocabulary checks on a bound config; each failure names the dotted key and what it accepts. */
final class ConfigValidator {

    static final Set<String> DATASETS = Set.of("fashion-mnist", "cifar10", "cifar100");

    private ConfigValidator() {}

    static void validate(RunConfig c) {
        oneOf("data.dataset", c.data.dataset, DATASETS);
        oneOf("data.profile", c.data.profile, Set.of("exponential", "step"));
        atLeast("data.imbalance_ratio", c.data.imbalanceRatio, 1);
        atLeast("data.max_per_class", c.data.maxPerClass, 0);
        oneOf("data.class_order", c.data.classOrder, Set.of("natural", "permuted"));
        oneOf("data.groups.rule", c.data.groups.rule, Set.of("thresholds", "ranges", "thirds"));
        atLeast("data.groups.few_below", c.data.groups.fewBelow, 0);
        if (c.data.groups.manyAbove < c.data.groups.fewBelow) {
            fail("data.groups.many_above", c.data.groups.manyAbove, "a number at least data.groups.few_below ("
                    + c.data.groups.fewBelow + ")");
        }
        List<Integer> b = c.data.groups.boundaries;
        if (b.size() != 2 || b.get(0) < 0 || b.get(1) < b.get(0)) {
            fail("data.groups.boundaries", b, "two ascending class indices [b1, b2]");
        }
        atLeast("data.augment.pad", c.data.augment.pad, 0);
        if (c.data.augment.mean.size() != c.data.augment.std.size()) {
            fail("data.augment.std", c.data.augment.std, "as many values as data.augment.mean");
        }
        for (double s : c.data.augment.std) {
            if (!(s > 0)) {
                fail("data.augment.std", c.data.augment.std, "positive values");
            }
        }
        oneOf("model.arch", c.model.arch, Architectures.names());
        oneOf("model.head", c.model.head, Set.of("linear", "cosine"));
        positive("model.cosine_scale", c.model.cosineScale);
        for (Map.Entry<String, StageConfig> stage : c.stages.entrySet()) {
            stage("stages." + stage.getKey(), stage.getKey(), stage.getValue());
        }
        atLeast("eval.batch_size", c.eval.batchSize, 1);
        atLeast("eval.every", c.eval.every, 0);
        if (!c.runtime.device.matches("cpu|gpu(:\\d+)?")) {
            fail("runtime.device", c.runtime.device, "cpu, gpu or gpu:N");
        }
        atLeast("runtime.threads", c.runtime.threads, 0);
        atLeast("runtime.prefetch", c.runtime.prefetch, 0);
    }

    private static void stage(String name, String stageName, StageConfig s) {
        if (!stageName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            fail("stages", stageName, "stage names of letters, digits, '_' and '-' (each is a folder of the run)");
        }
        if (s == null) {
            fail(name, null, "the stage's settings (method, epochs, ...)");
        }
        atLeast(name + ".epochs", s.epochs, 1);
        atLeast(name + ".batch_size", s.batchSize, 1);
        atLeast(name + ".lr", s.lr, 0);
        if (!(s.momentum >= 0 && s.momentum < 1)) {
            fail(name + ".momentum", s.momentum, "a number in [0, 1)");
        }
        atLeast(name + ".weight_decay", s.weightDecay, 0);
        if (s.nesterov && s.momentum == 0) {
            fail(name + ".nesterov", true, "false when momentum is 0 (Nesterov needs momentum)");
        }
        oneOf(name + ".schedule.type", s.schedule.type, Set.of("warmup-multistep", "cosine", "constant"));
        atLeast(name + ".schedule.warmup_epochs", s.schedule.warmupEpochs, 0);
        if ("cosine".equals(s.schedule.type) && s.schedule.warmupEpochs >= s.epochs) {
            fail(name + ".schedule.warmup_epochs", s.schedule.warmupEpochs, "fewer than " + name + ".epochs ("
                    + s.epochs + "): the cosine decays over the epochs after the warm-up");
        }
        positive(name + ".schedule.gamma", s.schedule.gamma);
        int previous = 0;
        for (int m : s.schedule.milestones) {
            if (m <= previous) {
                fail(name + ".schedule.milestones", s.schedule.milestones, "ascending positive epochs");
            }
            previous = m;
        }
        if (s.method == null) {
            fail(name + ".method", null, "a method (see longtail methods)");
        }
    }

    private static void oneOf(String key, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            fail(key, value, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static void atLeast(String key, double value, double min) {
        if (!(value >= min)) {
            fail(key, value, "a number >= " + trim(min));
        }
    }

    private static void positive(String key, double value) {
        if (!(value > 0)) {
            fail(key, value, "a number > 0");
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static void fail(String key, Object value, String expected) {
        String shown = value instanceof Double d ? trim(d) : String.valueOf(value);
        throw new BadInputException("config key '" + key + "' is " + shown + ", expected " + expected);
    }
}
