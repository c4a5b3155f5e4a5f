package org.longtail4j.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;

/** Builds and initialises the classifier a config describes. */
public final class Models {

    /** The heads {@code model.head} may name. */
    public static final List<String> HEADS = List.of("linear", "cosine", "reslt", "bbn");

    private Models() {}

    /**
     * A new, initialised classifier for images of {@code channels x height x width} and {@code classes}
     * classes. Initial values come from the engine's generator: seed it first for reproducible runs.
     */
    public static ImageClassifier create(RunConfig.ModelConfig config, int classes, int channels, int height, int width,
            NDManager manager) {
        ImageClassifier model = uninitialised(config.arch, config.channelsLast, config.head, classes,
                config.cosineScale);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, channels, height, width));
        return model;
    }

    /**
     * The classifier of an architecture and a head kind, before initialisation. A backbone that returns
     * several maps (one per expert) gets one head of the kind per map ({@link ExpertHeads}), except the
     * {@code bbn} head, which is one classifier over both of BBN's maps ({@link BilateralHead}).
     *
     * @throws BadInputException when the {@code bbn} head is asked for on a backbone without two maps
     */
    public static ImageClassifier uninitialised(String arch, boolean channelsLast, String headKind, int classes,
            double cosineScale) {
        Block backbone = Architectures.backbone(arch, channelsLast);
        int maps = backbone instanceof RideResNet ride ? ride.expertCount()
                : backbone instanceof BranchInputs branches ? branches.branchCount() : 1;
        if (headKind.equals("bbn") || backbone instanceof BbnResNet) {
            if (maps != 2 || !headKind.equals("bbn")) {
                throw new BadInputException("model.head: 'bbn' goes with a bbn-resnet architecture and that "
                        + "architecture with the 'bbn' head, got arch '" + arch + "' with head '" + headKind + "'");
            }
            return new ImageClassifier(backbone, new BilateralHead(classes));
        }
        if (maps == 1) {
            return new ImageClassifier(backbone, head(headKind, classes, cosineScale, false));
        }
        List<ClassifierHead> heads = new ArrayList<>();
        for (int k = 0; k < maps; k++) {
            heads.add(head(headKind, classes, cosineScale, true));
        }
        return new ImageClassifier(backbone, new ExpertHeads(heads));
    }

    private static ClassifierHead head(String kind, int classes, double cosineScale, boolean expert) {
        return switch (kind) {
            // RIDE's experts start from unit class vectors (its NormedLinear); a single cosine head keeps DJL's draw
            case "cosine" -> new CosineHead(classes, (float) cosineScale, expert);
            case "reslt" -> new ResLtHead(classes);
            default -> new LinearHead(classes);
        };
    }
}
