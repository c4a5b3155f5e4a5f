package org.longtail4j.export;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.translate.ArgumentsUtil;
import java.nio.file.Path;
import java.util.Map;
import org.longtail4j.models.Architectures;
import org.longtail4j.models.ClassifierHead;
import org.longtail4j.models.CosineHead;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;

/**
 * DJL's hook for rebuilding an exported classifier: {@code Criteria.loadModel()} reads
 * {@code blockFactory} from the folder's serving.properties, calls this factory for an empty network of
 * the recorded architecture, then fills it from model-0000.params. Uses the models package only,
 * none of the training code.
 */
public final class ExportedClassifierFactory implements ai.djl.nn.BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        String arch = ArgumentsUtil.stringValue(arguments, "arch");
        int classes = ArgumentsUtil.intValue(arguments, "classes");
        if (arch == null || classes <= 0) {
            throw new IllegalArgumentException(modelPath + "/serving.properties must name arch and classes");
        }
        ClassifierHead head = "cosine".equals(ArgumentsUtil.stringValue(arguments, "head", "linear"))
                ? new CosineHead(classes, ArgumentsUtil.floatValue(arguments, "cosineScale", 30f))
                : new LinearHead(classes);
        return new ImageClassifier(
                Architectures.backbone(arch, ArgumentsUtil.booleanValue(arguments, "channelsLast")), head);
    }
}
