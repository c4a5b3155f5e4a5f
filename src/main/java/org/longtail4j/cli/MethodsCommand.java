package org.longtail4j.cli;

import java.util.Map;
import org.longtail4j.data.sampling.SamplerRegistry;
import org.longtail4j.losses.ClassWeightingRegistry;
import org.longtail4j.losses.LossRegistry;
import org.longtail4j.methods.FeatureTransforms;
import org.longtail4j.methods.MethodPresets;
import org.longtail4j.methods.Predictions;
import org.longtail4j.methods.StageEdits;
import org.longtail4j.mixing.MixingRegistry;
import org.longtail4j.parts.PartRegistry;
import picocli.CommandLine.Command;

@Command(name = "methods", mixinStandardHelpOptions = true,
        description = {"List the methods a stage can name and the parts they are composed of.",
            "Methods (stages.NAME.method) and parts (stages.NAME.sampler, mixing, transform, loss, edits,",
            "prediction), each with a one-line summary, its paper and its settings."})
final class MethodsCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("methods (stages.NAME.method; each a composition of the parts below):");
        for (Map.Entry<String, MethodPresets.Preset> e : MethodPresets.all().entrySet()) {
            MethodPresets.Preset p = e.getValue();
            System.out.printf("  %-22s %s [%s]%n", p.name(), p.summary(), p.paper());
        }
        list("stages.NAME.sampler", SamplerRegistry.SAMPLERS);
        list("stages.NAME.mixing", MixingRegistry.MIXINGS);
        list("stages.NAME.transform", FeatureTransforms.TRANSFORMS);
        list("stages.NAME.loss", LossRegistry.LOSSES);
        list("stages.NAME.loss.weights", ClassWeightingRegistry.WEIGHTINGS);
        list("stages.NAME.edits", StageEdits.EDITS);
        list("stages.NAME.prediction", Predictions.PREDICTIONS);
    }

    private static void list(String key, PartRegistry<?> registry) {
        System.out.println();
        String kind = registry.kind();
        System.out.println((kind.endsWith("s") ? kind + "es" : kind + "s") + " (" + key + "):");
        for (PartRegistry.Entry<?> e : registry.entries()) {
            System.out.printf("  %-22s %s [%s]; settings: %s%n", e.name(), e.summary(), e.paper(),
                    PartRegistry.settingNames(e));
        }
    }
}
