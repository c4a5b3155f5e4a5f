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
    /**
     * The recipe: its stages by name, run in this order, each starting from the weights the one before
     * it left (e.g. stage1: representation learning, stage2: classifier re-training). A stage's name is
     * its folder in the run folder and the prefix of its keys ({@code stages.stage2.lr}).
     */
    public Map<String, StageConfig> stages = new LinkedHashMap<>();
    public EvalConfig eval = new EvalConfig();
    public RuntimeConfig runtime = new RuntimeConfig();

    /** Where the images come from and how the long-tailed training set is cut from them. */
    public static final class DataConfig {
        /** Datasets read from image files per batch (data.train_list ... data.color_jitter apply to these). */
        public static final java.util.Set<String> IMAGE_FILE_DATASETS = java.util.Set.of("imagenet-lt", "places-lt",
                "inaturalist2018", "image-folder", "image-list");

        /**
         * fashion-mnist, cifar10 or cifar100 (small, in memory); or image files read per batch:
         * imagenet-lt, places-lt, inaturalist2018 (list files or the iNaturalist JSON), image-folder (one
         * sub-folder per class), image-list (a user's own list file).
         */
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

        // ---- image-file datasets only (imagenet-lt, places-lt, inaturalist2018, image-folder, image-list) ----

        /**
         * The training list (path label lines, or for inaturalist2018 the COCO-style .json); null = the
         * dataset's usual file in data.root (ImageNet_LT_train.txt, Places_LT_train.txt,
         * iNaturalist18_train.txt or else train2018.json).
         */
        public String trainList = null;
        /** The validation list; null = the dataset's usual file when it exists (ImageNet-LT, CB's Places-LT). */
        public String valList = null;
        /**
         * The list reported on; null = the dataset's usual file (ImageNet_LT_test.txt, Places_LT_test.txt;
         * iNaturalist's val list or val2018.json, the long-tail literature's test set).
         */
        public String testList = null;
        /** Folder the list paths are relative to; null = data.root. */
        public String imageRoot = null;
        /** Rewrite of list paths: none, places-easy-to-256 or places-256-to-easy (Places-LT's two layouts). */
        public String pathRewrite = "none";
        /**
         * Prefix rewrites of list paths, each "FROM=TO" (e.g. "data_256/a/arena/hockey/=train/arena-hockey/"),
         * longest FROM first; used when path_rewrite is none.
         */
        public List<String> pathPrefixes = new ArrayList<>();
        /** When a listed root/val/WNID/FILE is missing, try root/val/FILE (ImageNet's flat val archive). */
        public boolean flatValFallback = false;
        /** Classes; 0 = the dataset's own (1000, 365, 8142), or for image-list the largest label + 1. */
        public int numClasses = 0;
        /** image-list: a file of class names, one per line in label order; null = class_N names. */
        public String classNamesFile = null;
        /** original (the files' labels) or frequency (MiSLAS/H2T: label 0 = most frequent training class). */
        public String labelOrder = "original";
        /** image-folder without train/ and val/ folders: fraction of each class held out for testing. */
        public double holdOut = 0;
        /** image-folder without train/ and val/ folders: images of each class held out (instead of a fraction). */
        public int holdOutPerClass = 0;
        /** image-folder: cut the training folder to data.profile / data.imbalance_ratio like the small sets. */
        public boolean longTail = false;
        /** An image that cannot be decoded mid-run: stop (one line naming the file) or skip (logged, counted). */
        public String onBadImage = "stop";
        /** JPEG/PNG decoder: auto (OpenCV when its native library loads, else javax.imageio), opencv or imageio. */
        public String decoder = "auto";
        /** Threads decoding and transforming images; 0 = the cores less one, at least 1. */
        public int workers = 0;
        /** Training and test crop size (RandomResizedCrop, CenterCrop). */
        public int imageSize = 224;
        /** Test-time Resize before the centre crop. */
        public int resizeSize = 256;
        /** ColorJitter strength for brightness, contrast and saturation (0 = none; CB's iNaturalist recipe). */
        public double colorJitter = 0.4;
    }

    /** How classes are split into many / medium / few shot groups for reporting. */
    public static final class GroupsConfig {
        /**
         * thresholds, ranges or thirds; or by name: cb (many &gt; 100, few &lt; 20), oltr (many &gt;= 100,
         * few &lt;= 20), mislas-ranges (MiSLAS's fixed index ranges of the dataset, on frequency-sorted labels).
         */
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
        /**
         * Allow model.pretrained with data.dataset imagenet-lt, which is refused otherwise: ImageNet weights
         * have seen every ImageNet-LT training image and the full classes (large-scale.md 1.2).
         */
        public boolean allowImagenetOverlap = false;
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
        /**
         * A smoke run (train --smoke): each stage runs one epoch of {@link #SMOKE_BATCHES} batches and
         * evaluates on one batch, to check a recipe end to end before a long run. Its figures mean nothing.
         */
        public boolean smoke = false;

        /** Training batches per stage of a smoke run. */
        public static final int SMOKE_BATCHES = 2;
    }

    /** The first stage's name, or null for a recipe without stages. */
    public String firstStage() {
        return stages.isEmpty() ? null : stages.keySet().iterator().next();
    }
}
