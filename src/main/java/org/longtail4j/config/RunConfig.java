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

    @Meaning("A short name for the run, used for the default run folder.")
    public String name = "run";
    @Meaning("Seeds the data split, sampling, augmentation, mixup and the model's initialisation.")
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
    @Meaning("How tuned values were chosen: config key -> free text (e.g. stages.stage2.transform.p: \"swept 0..1 on "
            + "the validation split\"); each key must name a setting; shown in reports, no part of a run's identity.")
    public Map<String, String> tuned = new LinkedHashMap<>();

    /** Where the images come from and how the long-tailed training set is cut from them. */
    public static final class DataConfig {
        /** Datasets read from image files per batch (data.train_list ... data.color_jitter apply to these). */
        public static final java.util.Set<String> IMAGE_FILE_DATASETS = java.util.Set.of("imagenet-lt", "places-lt",
                "inaturalist2018", "image-folder", "image-list");

        @Meaning("fashion-mnist, cifar10 or cifar100 (small, in memory); or image files read per batch: imagenet-lt, "
                + "places-lt, inaturalist2018 (list files or the iNaturalist JSON), image-folder (one sub-folder per "
                + "class), image-list (a user's own list file).")
        public String dataset = "fashion-mnist";
        @Meaning("Folder or archive holding the data; null = the dataset's usual place.")
        public String root = null;
        @Meaning("Fetch the files from the dataset's canonical location (checksums verified) when missing.")
        public boolean download = false;
        @Meaning("How counts fall from the most to the least frequent class: exponential or step.")
        public String profile = "exponential";
        @Meaning("n_max / n_min of the long-tailed training set, at least 1.")
        public double imbalanceRatio = 100;
        @Meaning("Caps the per-class count of the balanced training set before the profile applies (0 = no cap).")
        public int maxPerClass = 0;
        @Meaning("natural (class 0 most frequent) or permuted (a permutation drawn from order_seed).")
        public String classOrder = "natural";
        @Meaning("Seeds the class permutation when data.class_order is permuted.")
        public long orderSeed = 0;
        @Meaning("Read the kept training indices from this file (one per line) instead of drawing them.")
        public String indicesFile = null;
        @Meaning("Images per class held out from the training images as a validation set that chooses each stage's "
                + "best epoch and a sweep's best value; 0 = none, both chosen on the test set as the references do. "
                + "Taken from the images the profile leaves unused where a class has enough (LongTailSplit).")
        public int validationPerClass = 0;
        public GroupsConfig groups = new GroupsConfig();
        public AugmentConfig augment = new AugmentConfig();

        // ---- cifar10 and cifar100 only ----

        @Meaning("Images in the CIFAR training batch files together, 50,000 as published; a batch holding another "
                + "share is an error (a file cut short). Change it only for CIFAR files made to measure.")
        public int cifarTrainImages = 50_000;
        @Meaning("Images in the CIFAR test batch, 10,000 as published; see data.cifar_train_images.")
        public int cifarTestImages = 10_000;

        // ---- image-file datasets only (imagenet-lt, places-lt, inaturalist2018, image-folder, image-list) ----

        @Meaning("The training list (path label lines, or for inaturalist2018 the COCO-style .json); null = the "
                + "dataset's usual file in data.root (ImageNet_LT_train.txt, Places_LT_train.txt, "
                + "iNaturalist18_train.txt or else train2018.json).")
        public String trainList = null;
        @Meaning("The validation list; null = the dataset's usual file when it exists (ImageNet-LT, CB's Places-LT).")
        public String valList = null;
        @Meaning("The list reported on; null = the dataset's usual file (ImageNet_LT_test.txt, Places_LT_test.txt; "
                + "iNaturalist's val list or val2018.json, the long-tail literature's test set).")
        public String testList = null;
        @Meaning("Folder the list paths are relative to; null = data.root.")
        public String imageRoot = null;
        @Meaning("Rewrite of list paths: none, places-easy-to-256 or places-256-to-easy (Places-LT's two layouts).")
        public String pathRewrite = "none";
        @Meaning("Prefix rewrites of list paths, each \"FROM=TO\" (e.g. "
                + "\"data_256/a/arena/hockey/=train/arena-hockey/\"), longest FROM first; used when path_rewrite is "
                + "none.")
        public List<String> pathPrefixes = new ArrayList<>();
        @Meaning("When a listed root/val/WNID/FILE is missing, try root/val/FILE (ImageNet's flat val archive).")
        public boolean flatValFallback = false;
        @Meaning("Classes; 0 = the dataset's own (1000, 365, 8142), or for image-list the largest label + 1.")
        public int numClasses = 0;
        @Meaning("image-list: a file of class names, one per line in label order; null = class_N names.")
        public String classNamesFile = null;
        @Meaning("original (the files' labels) or frequency (MiSLAS/H2T: label 0 = most frequent training class).")
        public String labelOrder = "original";
        @Meaning("image-folder without train/ and val/ folders: fraction of each class held out for testing.")
        public double holdOut = 0;
        @Meaning("image-folder without train/ and val/ folders: images of each class held out (instead of a "
                + "fraction).")
        public int holdOutPerClass = 0;
        @Meaning("image-folder: cut the training folder to data.profile / data.imbalance_ratio like the small sets.")
        public boolean longTail = false;
        @Meaning("An image that cannot be decoded mid-run: stop (one line naming the file) or skip (logged, "
                + "counted).")
        public String onBadImage = "stop";
        @Meaning("JPEG/PNG decoder: auto (OpenCV when its native library loads, else javax.imageio), opencv or "
                + "imageio.")
        public String decoder = "auto";
        @Meaning("Threads decoding and transforming images; 0 = the cores less one, at least 1.")
        public int workers = 0;
        @Meaning("Training and test crop size (RandomResizedCrop, CenterCrop).")
        public int imageSize = 224;
        @Meaning("Test-time Resize before the centre crop.")
        public int resizeSize = 256;
        @Meaning("ColorJitter strength for brightness, contrast and saturation (0 = none; CB's iNaturalist recipe).")
        public double colorJitter = 0.4;
    }

    /** How classes are split into many / medium / few shot groups for reporting. */
    public static final class GroupsConfig {
        @Meaning("thresholds, ranges or thirds; or by name: cb (many > 100, few < 20), oltr (many >= 100, few <= "
                + "20), mislas-ranges (MiSLAS's fixed index ranges of the dataset, on frequency-sorted labels).")
        public String rule = "thresholds";
        @Meaning("thresholds: many-shot classes have more than this many training images.")
        public int manyAbove = 100;
        @Meaning("thresholds: few-shot classes have fewer than this many.")
        public int fewBelow = 20;
        @Meaning("ranges: the two class-index boundaries [0, b1), [b1, b2), [b2, C).")
        public List<Integer> boundaries = new ArrayList<>(List.of(36, 71));
    }

    /** Training augmentation as the references do it; test images are only normalised. */
    public static final class AugmentConfig {
        @Meaning("Zero padding before the random crop back to the original size (0 = no crop).")
        public int pad = 4;
        @Meaning("Random horizontal flips of training images.")
        public boolean flip = true;
        @Meaning("Random rotation of training images after the crop and flip, by an angle drawn uniformly from "
                + "[-rotation, rotation] degrees, nearest pixel, zero fill, same size (torchvision's "
                + "RandomRotation on PIL images; RIDE's CIFAR recipe: 15); 0 = none.")
        public double rotation = 0;
        @Meaning("Per-channel mean for normalisation; empty = the dataset's usual values.")
        public List<Double> mean = new ArrayList<>();
        @Meaning("Per-channel standard deviation for normalisation; empty = the dataset's usual values.")
        public List<Double> std = new ArrayList<>();
    }

    public static final class ModelConfig {
        @Meaning("resnet20, resnet32, resnet44, resnet56, resnet110 (CIFAR ResNets); tv-resnet10, tv-resnet50, "
                + "tv-resnet152, tv-resnext50-32x4d (torchvision layout), places-resnet152 (Places-LT trunk + block).")
        public String arch = "resnet32";
        @Meaning("The classifier: linear, or cosine (scaled cosine similarity of features and class weights, "
                + "model.cosine_scale).")
        public String head = "linear";
        @Meaning("Start from this weights file (a torchvision state_dict .pth or .npz, or DJL parameters) instead of "
                + "random values; null = random.")
        public String pretrained = null;
        @Meaning("Allow model.pretrained with data.dataset imagenet-lt, refused otherwise: ImageNet weights have seen "
                + "every ImageNet-LT training image and the full classes (large-scale.md 1.2).")
        public boolean allowImagenetOverlap = false;
        @Meaning("Logit scale of the cosine head.")
        public double cosineScale = 30;
        @Meaning("Activations in channels-last memory layout: the same arithmetic up to the order of sums, faster "
                + "on CPU (docs/performance.md sections 3 and 9); false = libtorch's default. Every architecture.")
        public boolean channelsLast = true;
    }

    /** Test-set evaluation during and after training. */
    public static final class EvalConfig {
        @Meaning("Test images per evaluation batch.")
        public int batchSize = 500;
        @Meaning("Evaluate every this many epochs; the last epoch always is, and 0 means only the last.")
        public int every = 1;
    }

    /** Where and how fast: not part of the method, but recorded with the run. */
    public static final class RuntimeConfig {
        @Meaning("Where to compute: cpu, gpu or gpu:N; several GPUs in one process, each taking a slice of every "
                + "batch with the gradients averaged: a list gpu:0,1,... or gpus (every GPU). Untested on GPUs "
                + "(docs/gpu.md).")
        public String device = "cpu";
        @Meaning("Compute each training step's gradient over this many slices of the batch, one after the other "
                + "(gradient accumulation, weighted so the update is the full batch's): less activation memory, the "
                + "same result up to rounding except that BatchNorm normalises each slice on its own statistics, as "
                + "on several GPUs (docs/gpu.md). 1 = the whole batch at once.")
        public int microBatches = 1;
        @Meaning("Intra-op threads of the engine; 0 = one per core.")
        public int threads = 0;
        @Meaning("Batches prepared ahead of the training step on a background thread.")
        public int prefetch = 2;
        @Meaning("Set by train --smoke: each stage runs one epoch of two batches and evaluates on one batch, to check "
                + "a recipe end to end before a long run; its figures mean nothing.")
        public boolean smoke = false;

        /** Training batches per stage of a smoke run. */
        public static final int SMOKE_BATCHES = 2;
    }

    /** The first stage's name, or null for a recipe without stages. */
    public String firstStage() {
        return stages.isEmpty() ? null : stages.keySet().iterator().next();
    }
}
