package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * RIDE's multi-expert CIFAR ResNet (Wang et al., ICLR 2021; methods-multibranch.md 2.1): the stem and
 * stage 1 (16 channels) are shared; each of K experts has its own stage 2 and stage 3, by default at
 * RIDE's reduced widths 24 and 48. It returns K maps, one per expert ([B, 48, H/4, W/4] each), so a
 * head per expert follows ({@link ExpertHeads}) and H2T fuses each expert's map with its own channel
 * subset.
 *
 * <p>Like {@link CifarResNet} it takes a lean forward when nothing in it will be differentiated
 * (a frozen backbone in classifier re-training): each map is released once read, except the shared
 * trunk's output, which every expert reads and which is released after the last one.
 */
public final class RideResNet extends AbstractBlock {

    private final Conv2d stem;
    private final BatchNorm stemBn;
    private final List<BasicBlock> trunk = new ArrayList<>();
    private final List<List<BasicBlock>> experts = new ArrayList<>();
    private final int outChannels;
    private final boolean channelsLast;
    private final FrozenConvolutions frozenConvolutions;
    private final List<Parameter> parameters;

    /**
     * @param depth 6n + 2 (n basic blocks per stage)
     * @param expertCount K, at least 1
     * @param stage2Width the experts' stage-2 channels (24 reduced, 32 full)
     * @param stage3Width the experts' stage-3 channels (48 reduced, 64 full): the maps' C
     * @param channelsLast lay activations out channels-last ({@link ChannelsLast})
     */
    public RideResNet(int depth, int expertCount, int stage2Width, int stage3Width, boolean channelsLast) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n + 2, got " + depth);
        }
        if (expertCount < 1) {
            throw new IllegalArgumentException("RIDE needs at least one expert, got " + expertCount);
        }
        this.channelsLast = channelsLast;
        this.frozenConvolutions = new FrozenConvolutions(channelsLast);
        this.outChannels = stage3Width;
        int perStage = (depth - 2) / 6;
        stem = addChildBlock("stem", Layers.conv3x3(16, 1));
        stemBn = addChildBlock("stem_bn", Layers.batchNorm());
        for (int i = 0; i < perStage; i++) {
            trunk.add(addChildBlock("stage1_block" + (i + 1), new BasicBlock(16, 16, 1)));
        }
        int[] widths = {stage2Width, stage3Width};
        for (int k = 0; k < expertCount; k++) {
            List<BasicBlock> blocks = new ArrayList<>();
            int in = 16;
            for (int stage = 0; stage < widths.length; stage++) {
                for (int i = 0; i < perStage; i++) {
                    blocks.add(addChildBlock("expert" + (k + 1) + "_stage" + (stage + 2) + "_block" + (i + 1),
                            new BasicBlock(in, widths[stage], i == 0 ? 2 : 1)));
                    in = widths[stage];
                }
            }
            experts.add(blocks);
        }
        parameters = List.copyOf(getParameters().values());
    }

    /** The number of experts, K: the number of maps the forward returns. */
    public int expertCount() {
        return experts.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (!input.hasGradient() && isFrozen()) {
            return forwardFrozen(ps, input, training);
        }
        NDArray x = Layers.apply(stem, ps, channelsLast ? ChannelsLast.of(input) : input, training);
        x = Activation.relu(Layers.apply(stemBn, ps, x, training));
        for (BasicBlock block : trunk) {
            x = Layers.apply(block, ps, x, training);
        }
        NDList maps = new NDList(experts.size());
        for (List<BasicBlock> expert : experts) {
            NDArray m = x;
            for (BasicBlock block : expert) {
                m = Layers.apply(block, ps, m, training);
            }
            maps.add(m);
        }
        return maps;
    }

    /** The same arithmetic and BatchNorm updates, every map released once read (see CifarResNet). */
    private NDList forwardFrozen(ParameterStore ps, NDArray input, boolean training) {
        NDArray x = frozenConvolutions.stem(stem, stemBn, ps, input, training);
        for (BasicBlock block : trunk) {
            x = Layers.release(x, block.forwardFrozen(ps, x, training, frozenConvolutions));
        }
        NDList maps = new NDList(experts.size());
        for (List<BasicBlock> expert : experts) {
            // the trunk's map is every expert's input: the first block reads it without releasing it
            NDArray m = expert.get(0).forwardFrozen(ps, x, training, frozenConvolutions);
            for (BasicBlock block : expert.subList(1, expert.size())) {
                m = Layers.release(m, block.forwardFrozen(ps, m, training, frozenConvolutions));
            }
            maps.add(m);
        }
        x.close();
        return maps;
    }

    /** True when no parameter of the network requires a gradient. */
    private boolean isFrozen() {
        return Layers.noneTrainable(parameters);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + 1) / 2;
        long w = (in.get(3) + 1) / 2;
        Shape map = new Shape(in.get(0), outChannels, (h + 1) / 2, (w + 1) / 2);
        Shape[] out = new Shape[experts.size()];
        java.util.Arrays.fill(out, map);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        Shape[] shapes = stem.getOutputShapes(inputShapes);
        stemBn.initialize(manager, dataType, shapes);
        for (BasicBlock block : trunk) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
        for (List<BasicBlock> expert : experts) {
            Shape[] s = shapes;
            for (BasicBlock block : expert) {
                block.initialize(manager, dataType, s);
                s = block.getOutputShapes(s);
            }
        }
    }
}
