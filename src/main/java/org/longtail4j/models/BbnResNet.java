package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * BBN's bilateral-branch CIFAR ResNet (Zhou et al., CVPR 2020; methods-multibranch.md 6.1): the CIFAR
 * ResNet whose last block is duplicated. The shared trunk is the stem, stages 1 and 2 and all but the
 * last block of stage 3; the conventional-learning branch "cb" and the re-balancing branch "rb" are one
 * basic block 64 -> 64 each on the trunk's map. It returns two maps, cb's then rb's.
 *
 * <p>Given one input, both branches read the trunk's map of it (evaluation). Given one input per branch
 * (training: the conventional batch, then the reversed batch), the trunk runs on each in that order and
 * each branch reads only its own input's map, so cb's BatchNorm sees only conventional batches and rb's
 * only reversed ones, and the trunk's running statistics are updated twice per step, as the reference does.
 */
public final class BbnResNet extends AbstractBlock implements BranchInputs {

    private static final int BRANCHES = 2;

    private final Conv2d stem;
    private final BatchNorm stemBn;
    private final List<BasicBlock> trunk = new ArrayList<>();
    private final BasicBlock conventional;
    private final BasicBlock rebalancing;
    private final boolean channelsLast;

    /**
     * @param depth 6n + 2 (n basic blocks per stage; the trunk has 3n - 1, each branch one)
     * @param channelsLast lay activations out channels-last ({@link ChannelsLast})
     */
    public BbnResNet(int depth, boolean channelsLast) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n + 2, got " + depth);
        }
        this.channelsLast = channelsLast;
        int perStage = (depth - 2) / 6;
        stem = addChildBlock("stem", Layers.conv3x3(16, 1));
        stemBn = addChildBlock("stem_bn", Layers.batchNorm());
        int in = 16;
        int[] widths = {16, 32, CifarResNet.FEATURE_CHANNELS};
        for (int stage = 0; stage < widths.length; stage++) {
            int blocks = stage == widths.length - 1 ? perStage - 1 : perStage;
            for (int i = 0; i < blocks; i++) {
                trunk.add(addChildBlock("stage" + (stage + 1) + "_block" + (i + 1),
                        new BasicBlock(in, widths[stage], stage > 0 && i == 0 ? 2 : 1)));
                in = widths[stage];
            }
        }
        // with n = 1 the branch block is stage 3's first block, which downsamples
        int branchIn = in;
        int branchStride = perStage == 1 ? 2 : 1;
        conventional = addChildBlock("cb", new BasicBlock(branchIn, CifarResNet.FEATURE_CHANNELS, branchStride));
        rebalancing = addChildBlock("rb", new BasicBlock(branchIn, CifarResNet.FEATURE_CHANNELS, branchStride));
    }

    @Override
    public int branchCount() {
        return BRANCHES;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() == 1) {
            NDArray x = trunk(ps, inputs.get(0), training);
            return new NDList(Layers.apply(conventional, ps, x, training), Layers.apply(rebalancing, ps, x, training));
        }
        if (inputs.size() != BRANCHES) {
            throw new IllegalArgumentException("BBN takes one input, or one per branch (2), got " + inputs.size());
        }
        NDArray c = Layers.apply(conventional, ps, trunk(ps, inputs.get(0), training), training);
        NDArray r = Layers.apply(rebalancing, ps, trunk(ps, inputs.get(1), training), training);
        return new NDList(c, r);
    }

    private NDArray trunk(ParameterStore ps, NDArray input, boolean training) {
        NDArray x = Layers.apply(stem, ps, channelsLast ? ChannelsLast.of(input) : input, training);
        x = Activation.relu(Layers.apply(stemBn, ps, x, training));
        for (BasicBlock block : trunk) {
            x = Layers.apply(block, ps, x, training);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = stem.getOutputShapes(new Shape[] {inputShapes[0]});
        for (BasicBlock block : trunk) {
            shapes = block.getOutputShapes(shapes);
        }
        Shape map = conventional.getOutputShapes(shapes)[0];
        return new Shape[] {map, map};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = new Shape[] {inputShapes[0]};
        stem.initialize(manager, dataType, shapes);
        shapes = stem.getOutputShapes(shapes);
        stemBn.initialize(manager, dataType, shapes);
        for (BasicBlock block : trunk) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
        conventional.initialize(manager, dataType, shapes);
        rebalancing.initialize(manager, dataType, shapes);
    }
}
