package org.longtail4j.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longtail4j.BadInputException;
import org.longtail4j.models.Architectures;

/** Range and vocabulary checks on a bound config; each failure names the dotted key and what it accepts. */
final class ConfigValidator {

    static final Set<String> DATASETS = Set.of("fashion-mnist", "cifar10", "cifar100", "imagenet-lt", "places-lt",
            "inaturalist2018", "image-folder", "image-list");
    static final Set<String> IMAGE_FILE_DATASETS = RunConfig.DataConfig.IMAGE_FILE_DATASETS;

    private ConfigValidator() {}

    static void validate(RunConfig c) {
        oneOf("data.dataset", c.data.dataset, DATASETS);
        oneOf("data.profile", c.data.profile, Set.of("exponential", "step"));
        atLeast("data.imbalance_ratio", c.data.imbalanceRatio, 1);
        atLeast("data.max_per_class", c.data.maxPerClass, 0);
        atLeast("data.validation_per_class", c.data.validationPerClass, 0);
        if (c.data.validationPerClass > 0 && c.data.indicesFile != null) {
            fail("data.validation_per_class", c.data.validationPerClass, "0 with data.indices_file (the file fixes"
                    + " the training images; a validation set is drawn only with the split the toolkit draws)");
        }
        if (c.data.validationPerClass > 0 && IMAGE_FILE_DATASETS.contains(c.data.dataset)) {
            // The hook for image-file datasets is their own validation list (data.val_list, issue 11).
            fail("data.validation_per_class", c.data.validationPerClass, "0 for " + c.data.dataset
                    + " (image-file datasets bring their own validation list, data.val_list)");
        }
        oneOf("data.class_order", c.data.classOrder, Set.of("natural", "permuted"));
        oneOf("data.groups.rule", c.data.groups.rule, Set.of("thresholds", "ranges", "thirds", "cb", "oltr",
                "mislas-ranges"));
        imageFiles(c.data);
        cifarCounts(c.data);
        if ("imagenet-lt".equals(c.data.dataset) && c.model.pretrained != null && !c.model.allowImagenetOverlap) {
            fail("model.pretrained", c.model.pretrained, "none with data.dataset imagenet-lt: ImageNet-pretrained"
                    + " weights have seen all of ImageNet train (ImageNet-LT's training set is a subset of it, its"
                    + " test set is ImageNet val), so the run would not measure long-tailed learning; set"
                    + " model.allow_imagenet_overlap: true to use them anyway");
        }
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
        if (!(c.data.augment.rotation >= 0 && c.data.augment.rotation <= 180)) {
            fail("data.augment.rotation", c.data.augment.rotation, "degrees in [0, 180]");
        }
        if (c.data.augment.mean.size() != c.data.augment.std.size()) {
            fail("data.augment.std", c.data.augment.std, "as many values as data.augment.mean");
        }
        for (double s : c.data.augment.std) {
            if (!(s > 0)) {
                fail("data.augment.std", c.data.augment.std, "positive values");
            }
        }
        oneOf("model.arch", c.model.arch, Architectures.names());
        oneOf("model.head", c.model.head, Set.copyOf(org.longtail4j.models.Models.HEADS));
        positive("model.cosine_scale", c.model.cosineScale);
        for (Map.Entry<String, StageConfig> stage : c.stages.entrySet()) {
            stage("stages." + stage.getKey(), stage.getKey(), stage.getValue());
        }
        atLeast("eval.batch_size", c.eval.batchSize, 1);
        atLeast("eval.every", c.eval.every, 0);
        if (!c.runtime.device.matches("cpu|gpus|gpu(:\\d+(,\\d+)*)?")) {
            fail("runtime.device", c.runtime.device, "cpu, gpu, gpu:N, a list gpu:0,1,... or gpus");
        }
        atLeast("runtime.micro_batches", c.runtime.microBatches, 1);
        atLeast("runtime.threads", c.runtime.threads, 0);
        atLeast("runtime.prefetch", c.runtime.prefetch, 0);
    }

    private static void imageFiles(RunConfig.DataConfig d) {
        boolean files = IMAGE_FILE_DATASETS.contains(d.dataset);
        RunConfig.DataConfig defaults = new RunConfig.DataConfig();
        if (!files) {
            Object[][] keys = {
                {"data.train_list", d.trainList, defaults.trainList}, {"data.val_list", d.valList, defaults.valList},
                {"data.test_list", d.testList, defaults.testList}, {"data.image_root", d.imageRoot, defaults.imageRoot},
                {"data.path_rewrite", d.pathRewrite, defaults.pathRewrite},
                {"data.path_prefixes", d.pathPrefixes, defaults.pathPrefixes},
                {"data.flat_val_fallback", d.flatValFallback, defaults.flatValFallback},
                {"data.num_classes", d.numClasses, defaults.numClasses},
                {"data.class_names_file", d.classNamesFile, defaults.classNamesFile},
                {"data.label_order", d.labelOrder, defaults.labelOrder}, {"data.hold_out", d.holdOut, defaults.holdOut},
                {"data.hold_out_per_class", d.holdOutPerClass, defaults.holdOutPerClass},
                {"data.long_tail", d.longTail, defaults.longTail}, {"data.on_bad_image", d.onBadImage, defaults.onBadImage},
                {"data.decoder", d.decoder, defaults.decoder}, {"data.workers", d.workers, defaults.workers},
                {"data.image_size", d.imageSize, defaults.imageSize}, {"data.resize_size", d.resizeSize, defaults.resizeSize},
                {"data.color_jitter", d.colorJitter, defaults.colorJitter}};
            for (Object[] k : keys) {
                if (!java.util.Objects.equals(k[1], k[2])) {
                    fail((String) k[0], k[1], "no value: it applies only to image-file datasets ("
                            + String.join(", ", IMAGE_FILE_DATASETS.stream().sorted().toList()) + "), and data.dataset is "
                            + d.dataset);
                }
            }
        }
        if (files && d.augment.rotation != defaults.augment.rotation) {
            fail("data.augment.rotation", d.augment.rotation,
                    "no value: image files are augmented by RandomResizedCrop, flip and data.color_jitter");
        }
        if (files && (d.augment.pad != defaults.augment.pad || d.augment.flip != defaults.augment.flip)) {
            fail(d.augment.pad != defaults.augment.pad ? "data.augment.pad" : "data.augment.flip",
                    d.augment.pad != defaults.augment.pad ? d.augment.pad : d.augment.flip,
                    "no value: image files are augmented by RandomResizedCrop, flip and data.color_jitter");
        }
        oneOf("data.path_rewrite", d.pathRewrite, Set.of("none", "places-easy-to-256", "places-256-to-easy"));
        oneOf("data.label_order", d.labelOrder, Set.of("original", "frequency"));
        oneOf("data.on_bad_image", d.onBadImage, Set.of("stop", "skip"));
        oneOf("data.decoder", d.decoder, Set.of("auto", "opencv", "imageio"));
        atLeast("data.num_classes", d.numClasses, 0);
        atLeast("data.workers", d.workers, 0);
        atLeast("data.hold_out_per_class", d.holdOutPerClass, 0);
        positive("data.image_size", d.imageSize);
        positive("data.resize_size", d.resizeSize);
        atLeast("data.color_jitter", d.colorJitter, 0);
        if (!(d.holdOut >= 0 && d.holdOut < 1)) {
            fail("data.hold_out", d.holdOut, "a fraction in [0, 1)");
        }
        if (d.holdOut > 0 && d.holdOutPerClass > 0) {
            fail("data.hold_out_per_class", d.holdOutPerClass, "0 when data.hold_out is set (one hold-out rule)");
        }
        if ("mislas-ranges".equals(d.groups.rule) && !"frequency".equals(d.labelOrder)) {
            fail("data.groups.rule", d.groups.rule, "data.label_order: frequency with it (MiSLAS's ranges are"
                    + " index ranges over frequency-sorted labels)");
        }
    }

    /** The CIFAR batch counts apply to CIFAR only; their multiples are checked where the files are read. */
    private static void cifarCounts(RunConfig.DataConfig d) {
        RunConfig.DataConfig defaults = new RunConfig.DataConfig();
        boolean cifar = d.dataset.equals("cifar10") || d.dataset.equals("cifar100");
        Object[][] keys = {
            {"data.cifar_train_images", d.cifarTrainImages, defaults.cifarTrainImages},
            {"data.cifar_test_images", d.cifarTestImages, defaults.cifarTestImages}};
        for (Object[] k : keys) {
            if (!cifar && !k[1].equals(k[2])) {
                fail((String) k[0], k[1], "no value: it applies only to cifar10 and cifar100, and data.dataset is "
                        + d.dataset);
            }
            atLeast((String) k[0], (Integer) k[1], 1);
        }
    }

    private static void stage(String name, String stageName, StageConfig s) {
        if (!stageName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            fail("stages", stageName, "stage names of letters, digits, '_' and '-' (each is a folder of the run)");
        }
        if (s == null) {
            fail(name, null, "the stage's settings (method, epochs, ...)");
        }
        if (s.epochs < 0) {
            fail(name + ".epochs", s.epochs, "a number >= 1, or 0 for a post-hoc stage (no training: tau-norm)");
        }
        atLeast(name + ".batch_size", s.batchSize, 1);
        atLeast(name + ".lr", s.lr, 0);
        if (!(s.momentum >= 0 && s.momentum < 1)) {
            fail(name + ".momentum", s.momentum, "a number in [0, 1)");
        }
        atLeast(name + ".weight_decay", s.weightDecay, 0);
        if (s.nesterov && s.momentum == 0) {
            fail(name + ".nesterov", true, "false when momentum is 0 (Nesterov needs momentum)");
        }
        oneOf(name + ".schedule.type", s.schedule.type, Set.of("warmup-multistep", "cosine", "cosine-stepped", "constant"));
        atLeast(name + ".schedule.warmup_epochs", s.schedule.warmupEpochs, 0);
        if (!(s.schedule.warmupFrom >= 0 && s.schedule.warmupFrom <= 1)) {
            fail(name + ".schedule.warmup_from", s.schedule.warmupFrom, "a fraction in [0, 1]");
        }
        if (s.schedule.warmupFrom != 0 && !"warmup-multistep".equals(s.schedule.type)) {
            fail(name + ".schedule.warmup_from", s.schedule.warmupFrom, "0 unless schedule.type is warmup-multistep");
        }
        if ("cosine".equals(s.schedule.type) && s.epochs > 0 && s.schedule.warmupEpochs >= s.epochs) {
            fail(name + ".schedule.warmup_epochs", s.schedule.warmupEpochs, "fewer than " + name + ".epochs ("
                    + s.epochs + "): the cosine decays over the epochs after the warm-up");
        }
        if ("cosine-stepped".equals(s.schedule.type) && s.schedule.warmupEpochs != 0) {
            fail(name + ".schedule.warmup_epochs", s.schedule.warmupEpochs, "0 with schedule.type cosine-stepped "
                    + "(cRT's and LWS's schedule has no warm-up)");
        }
        positive(name + ".schedule.gamma", s.schedule.gamma);
        int previous = 0;
        for (int m : s.schedule.milestones) {
            if (m <= previous) {
                fail(name + ".schedule.milestones", s.schedule.milestones, "ascending positive epochs");
            }
            previous = m;
        }
        for (java.util.Map.Entry<String, Double> f : s.lrFactors.entrySet()) {
            oneOf(name + ".lr_factors key", f.getKey(), Set.of("backbone", "head", "scale"));
            atLeast(name + ".lr_factors." + f.getKey(), f.getValue(), 0);
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
