package org.longtail4j.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with exactly the update of {@code torch.optim.SGD} (dampening 0).
 *
 * <p>For every parameter that requires a gradient and has one:
 *
 * <pre>
 * g' = g + weightDecay * w                  (coupled decay, on every parameter: BN and biases too)
 * buf = g'                     first step   (only when momentum != 0)
 * buf = momentum * buf + g'    later steps
 * d = nesterov ? g' + momentum * buf : buf  (d = g' when momentum == 0)
 * w -= lr * d
 * </pre>
 *
 * <p>Why not DJL's {@code Sgd}: it keeps the learning rate inside the momentum buffer (MXNet style),
 * so its updates differ from PyTorch's as soon as the learning rate changes between steps (at
 * learning rate 0 it even keeps moving the weights); it has no Nesterov either. The published recipes this
 * toolkit reproduces were tuned with PyTorch's optimizer, so the learning rate is given to every
 * {@link #step} and the buffer never sees it.
 *
 * <p>Parameters that require a gradient but have none yet (never reached by a backward pass) are
 * skipped, as PyTorch skips {@code p.grad is None}. Gradients are zeroed after the update, so the
 * next backward pass starts from zero (PyTorch's {@code zero_grad(set_to_none=False)}).
 *
 * <p>Momentum buffers are keyed by the parameter names the caller gives (a block's {@code
 * getParameters()}), which are stable across JVM runs, so {@link #state} and {@link #loadState}
 * make checkpoints that resume exactly. The buffers live in a manager owned by this optimizer,
 * released by {@link #close}.
 *
 * <p>The update runs for every parameter array at every iteration (about 100 arrays for a
 * ResNet-32), so it stays in libtorch: in-place arithmetic, no values copied to Java, the
 * hyper-parameters kept as scalar tensors (creating a scalar tensor per operation costs more than
 * the arithmetic on a small array), each temporary closed as soon as it is used. Works on the
 * PyTorch engine only: the gradient is read and zeroed through {@link JniUtils}, because {@code
 * NDArray.getGradient()} invents a zero array for a parameter that has none.
 */
public final class PytorchSgd implements AutoCloseable {

    private final boolean nesterov;
    private final NDManager manager = NDManager.newBaseManager(Device.cpu());
    /** 0-dim CPU tensors (PyTorch treats them as scalars on any device), null when the setting is 0. */
    private final NDArray momentum;
    private final NDArray weightDecay;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    /**
     * @param momentum PyTorch's momentum, 0 for plain SGD
     * @param weightDecay coupled L2 weight decay, applied to every parameter stepped
     * @param nesterov Nesterov momentum (needs momentum > 0, as in PyTorch)
     */
    public PytorchSgd(double momentum, double weightDecay, boolean nesterov) {
        if (!(momentum >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "momentum and weight decay must be >= 0, got " + momentum + " and " + weightDecay);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum > 0");
        }
        this.nesterov = nesterov;
        this.momentum = momentum == 0 ? null : manager.create((float) momentum);
        this.weightDecay = weightDecay == 0 ? null : manager.create((float) weightDecay);
    }

    /**
     * Updates every trainable parameter in place from its accumulated gradient, then zeroes the
     * gradient. Autograd does not record the update, even inside an open gradient collector (as
     * {@code optimizer.step()} runs under {@code no_grad} in PyTorch).
     *
     * @param parameters names (stable keys for the momentum buffers) and parameters, as from {@code
     *     block.getParameters()}; frozen ones and BatchNorm running statistics are skipped
     * @param lr this step's learning rate
     */
    public void step(PairList<String, Parameter> parameters, double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        }
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDArray rate = manager.create((float) lr)) {
            for (Pair<String, Parameter> named : parameters) {
                PtNDArray weight = (PtNDArray) named.getValue().getArray();
                if (weight.hasGradient()) {
                    update(named.getKey(), weight, rate);
                }
            }
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    private void update(String name, PtNDArray weight, NDArray lr) {
        NDArray grad = JniUtils.getGradient(weight);
        if (grad == null) {
            return;
        }
        try {
            if (weightDecay != null) {
                addProduct(grad, weight, weightDecay);
            }
            NDArray direction = grad;
            if (momentum != null) {
                NDArray buffer = momentumBuffer(name, grad);
                if (nesterov) {
                    addProduct(grad, buffer, momentum);
                } else {
                    direction = buffer;
                }
            }
            try (NDArray change = direction.mul(lr)) {
                weight.subi(change);
            }
            JniUtils.zeroGrad(weight);
        } finally {
            grad.close();
        }
    }

    /** Folds g' into the parameter's buffer, creating it from g' on the parameter's first step. */
    private NDArray momentumBuffer(String name, NDArray grad) {
        NDArray buffer = buffers.get(name);
        if (buffer == null) {
            buffer = grad.duplicate();
            buffer.attach(manager);
            buffers.put(name, buffer);
            return buffer;
        }
        if (!buffer.getShape().equals(grad.getShape())) {
            throw new IllegalStateException(
                    "momentum buffer of " + name + " has shape " + buffer.getShape()
                            + " but the parameter has " + grad.getShape());
        }
        return buffer.muli(momentum).addi(grad);
    }

    /** {@code x += y * scalar}: DJL has no add-with-alpha, so one short-lived product. */
    private static void addProduct(NDArray x, NDArray y, NDArray scalar) {
        try (NDArray product = y.mul(scalar)) {
            x.addi(product);
        }
    }

    /**
     * Copies of the momentum buffers for a checkpoint, by parameter name. Parameters that have not
     * been stepped yet (and all parameters when momentum is 0) have no entry.
     *
     * @param owner owns the returned copies
     */
    public Map<String, NDArray> state(NDManager owner) {
        Map<String, NDArray> copies = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : buffers.entrySet()) {
            NDArray copy = entry.getValue().duplicate();
            copy.attach(owner);
            copies.put(entry.getKey(), copy);
        }
        return copies;
    }

    /**
     * Replaces the momentum buffers with copies of a {@link #state} taken earlier, so training
     * resumes as if it had not stopped. The arrays must be on the parameters' device; the caller
     * keeps ownership of them.
     */
    public void loadState(Map<String, NDArray> state) {
        clearBuffers();
        for (Map.Entry<String, NDArray> entry : state.entrySet()) {
            NDArray copy = entry.getValue().duplicate();
            copy.attach(manager);
            buffers.put(entry.getKey(), copy);
        }
    }

    private void clearBuffers() {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
    }

    /** Releases the momentum buffers. */
    @Override
    public void close() {
        clearBuffers();
        manager.close();
    }
}
