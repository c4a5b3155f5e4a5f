package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.List;
import org.longtail4j.data.sampling.InstanceSampler;
import org.longtail4j.data.sampling.Sampler;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.training.Mixup;

/**
 * Plain representation learning ("CE", and with {@code mixup_alpha > 0} "CE + mixup", the H2T
 * authors' stage 1): the whole network trained with cross-entropy on instance-sampled batches.
 */
final class CrossEntropyTraining implements TrainingMethod {

    private final Sampler sampler;
    private final double mixupAlpha;

    CrossEntropyTraining(MethodContext context) {
        NoParams.check(context);
        sampler = new InstanceSampler(context.train().size(), context.seedFor("instance"));
        mixupAlpha = context.config().mixupAlpha;
    }

    @Override
    public List<int[]> epochOrders(int epoch) {
        return List.of(sampler.epoch(epoch));
    }

    @Override
    public PairList<String, Parameter> trainable(ImageClassifier model) {
        return Trainable.of(model);
    }

    @Override
    public NDArray loss(Step step) {
        NDArray images = step.images().get(0);
        NDArray labels = step.labels().get(0);
        if (mixupAlpha > 0) {
            Mixup.Mixed mixed = new Mixup(mixupAlpha, step.random()).mix(images);
            NDArray logits = step.model().forward(step.parameters(), new NDList(mixed.inputs()), true).singletonOrThrow();
            return mixed.loss(logits, labels);
        }
        NDArray logits = step.model().forward(step.parameters(), new NDList(images), true).singletonOrThrow();
        return Losses.crossEntropy(logits, labels);
    }

    @Override
    public String describe() {
        return mixupAlpha > 0 ? "CE + mixup (alpha " + mixupAlpha + ")" : "CE";
    }
}
