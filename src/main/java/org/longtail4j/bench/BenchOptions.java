package org.longtail4j.bench;

/**
 * What {@code longtail bench} measures.
 *
 * @param arch a CIFAR ResNet (resnet20, resnet32, ..., ride-resnet32)
 * @param head the head kind (linear, cosine, reslt; one per expert on RIDE)
 * @param channelsLast activations in channels-last memory layout (as model.channels_last)
 * @param dataset "fashion-mnist" (the real files, long-tailed as a run cuts them) or "synthetic"
 *     (random bytes of the given shape)
 * @param dataRoot where Fashion-MNIST is (null: the usual places)
 * @param channels input channels (synthetic only; Fashion-MNIST has 1)
 * @param size input height and width (synthetic only; Fashion-MNIST has 28)
 * @param classes classes (synthetic only; Fashion-MNIST has 10)
 * @param threads libtorch intra-op threads (0: one per core)
 * @param interopThreads libtorch inter-op threads (0: leave the engine's default)
 * @param warmup untimed steps of each kind before the measurements
 * @param reps rounds; each round times every kind once, in rotating order
 * @param steps steps per kind per round
 * @param prefetch batches made ahead on the background thread in the loop (as runtime.prefetch)
 * @param h2tP the fusion ratio of the stage-2 step (DR + H2T needs p > 0 for two backbone passes)
 * @param stage1Method the method of the stage-1 step (ce; ride for RIDE)
 * @param stage2Method the method of the stage-2 step (dr, mislas, crt, lws, ...), with the H2T transform
 * @param stage2 whether to time the stage-2 step too
 * @param seed seeds the model, the data order and the augmentation
 */
public record BenchOptions(
        String arch,
        String head,
        boolean channelsLast,
        int batch,
        String dataset,
        String dataRoot,
        int channels,
        int size,
        int classes,
        int threads,
        int interopThreads,
        int warmup,
        int reps,
        int steps,
        int prefetch,
        double h2tP,
        String stage1Method,
        String stage2Method,
        boolean stage2,
        long seed) {

    public boolean synthetic() {
        return "synthetic".equals(dataset);
    }
}
