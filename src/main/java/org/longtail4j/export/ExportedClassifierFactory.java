package org.longtail4j.export;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.translate.ArgumentsUtil;
import java.nio.file.Path;
import java.util.Map;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;

/**
 * DJL's hook for rebuilding an exported classifier: {@code Criteria.loadModel()} reads
 * {@code blockFactory} from the folder's serving.properties, calls this factory for an empty network of
 * the recorded architecture (its output cut to the combined logits, {@link ExportedClassifier}), then fills
 * it from model-0000.params. Uses the models package only,
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
        ImageClassifier classifier = Models.uninitialised(arch, ArgumentsUtil.booleanValue(arguments, "channelsLast"),
                ArgumentsUtil.stringValue(arguments, "head", "linear"), classes,
                ArgumentsUtil.floatValue(arguments, "cosineScale", 30f));
        if (ArgumentsUtil.booleanValue(arguments, "logitScale")) {
            classifier.addUninitialisedLogitScale(classes);
        }
        return new ExportedClassifier(classifier);
    }
}
