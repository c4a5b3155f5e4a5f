package org.longtail4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs, as read from YAML (snake_case keys) over the built-in defaults and the
 * command line's --set overrides. The resolved copy is written into every run folder.
 *
 * <p>Plain public fields with defaults, because Jackson binds them, rejects unknown keys, and writes
 * them back out unchanged: the saved config is exactly what ran. {@link ConfigValidator} checks the
 * ranges after binding.
 */
public final class RunConfig {

    /** A short name for the run, used for the default run folder. */
    public String name = "run";
    /** Seeds the data split, sampling, augmentation, mixup and the model's initialisation. */
    public long seed = 0;
    public DataConfig data = new DataConfig();
    public ModelConfig model = new ModelConfig();
    /** Representation learning (or the only stage of a one-stage method). */
    public StageConfig stage1 = StageConfig.stage1Defaults();
    /** Classifier re-training; method "none" for one-stage recipes. */
    public StageConfig stage2 = StageConfig.stage2Defaults();
    public EvalConfig eval = new EvalConfig();
    public RuntimeConfig runtime = new RuntimeConfig();

    /** Where the images come from and how the long-tailed training set is cut from them. */
    public static final class DataConfig {
        /** fashion-mnist, cifar10 or cifar100. */
        public String dataset = "fashion-mnist";
        /** Folder or archive holding the data; null = the dataset's usual place. */
        public String root = null;
        /** Fetch the files from the dataset's canonical location (checksums verified) when missing. */
        public boolean download = false;
        /** exponential or step. */
        public String profile = "exponential";
        /** n_max / n_min, at least 1. */
        public double imbalanceRatio = 100;
        /** Caps the per-class count of the balanced training set before the profile applies (0 = no cap). */
        public int maxPerClass = 0;
        /** natural (class 0 most frequent) or permuted (a permutation drawn from order_seed). */
        public String classOrder = "natural";
        public long orderSeed = 0;
        /** Read the kept training indices from this file (one per line) instead of drawing them. */
        public String indicesFile = null;
        public GroupsConfig groups = new GroupsConfig();
        public AugmentConfig augment = new AugmentConfig();
    }

    /** How classes are split into many / medium / few shot groups for reporting. */
    public static final class GroupsConfig {
        /** thresholds, ranges or thirds. */
        public String rule = "thresholds";
        /** thresholds: many-shot classes have more than this many training images. */
        public int manyAbove = 100;
        /** thresholds: few-shot classes have fewer than this many. */
        public int fewBelow = 20;
        /** ranges: the two class-index boundaries [0, b1), [b1, b2), [b2, C). */
        public List<Integer> boundaries = new ArrayList<>(List.of(36, 71));
    }

    /** Training augmentation as the references do it; test images are only normalised. */
    public static final class AugmentConfig {
        /** Zero padding before the random crop back to the original size (0 = no crop). */
        public int pad = 4;
        public boolean flip = true;
        /** Per-channel mean and std for normalisation; empty = the dataset's usual values. */
        public List<Double> mean = new ArrayList<>();
        public List<Double> std = new ArrayList<>();
    }

    public static final class ModelConfig {
        /**
         * resnet20, resnet32, resnet44, resnet56, resnet110 (CIFAR ResNets); tv-resnet10, tv-resnet50,
         * tv-resnet152, tv-resnext50-32x4d (torchvision layout), places-resnet152 (Places-LT trunk + block).
         */
        public String arch = "resnet32";
        /** linear or cosine. */
        public String head = "linear";
        /**
         * Start from this weights file (a torchvision state_dict .pth or .npz, or DJL parameters)
         * instead of random values; null = random. See weights.PretrainedWeights.
         */
        public String pretrained = null;
        /** Logit scale of the cosine head. */
        public double cosineScale = 30;
        /**
         * Activations in channels-last memory layout: the same arithmetic up to the order of sums, and
         * a faster training step and forward on CPU (docs/performance.md). false = libtorch's default.
         * The CIFAR ResNets only: the torchvision-layout networks always run NCHW (performance.md 6).
         */
        public boolean channelsLast = true;
    }

    /** Test-set evaluation during and after training. */
    public static final class EvalConfig {
        public int batchSize = 500;
        /** Evaluate every this many epochs; the last epoch always is, and 0 means only the last. */
        public int every = 1;
    }

    /** Where and how fast: not part of the method, but recorded with the run. */
    public static final class RuntimeConfig {
        /** cpu, gpu or gpu:N. */
        public String device = "cpu";
        /** Intra-op threads of the engine; 0 = one per core. */
        public int threads = 0;
        /** Batches prepared ahead of the training step on a background thread. */
        public int prefetch = 2;
    }

    /** Method-specific settings as given (each method binds and checks its own). */
    public static Map<String, Object> emptyParams() {
        return new LinkedHashMap<>();
    }
}
