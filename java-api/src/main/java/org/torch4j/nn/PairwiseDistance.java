package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.PairwiseDistance(p=2.0, eps=1e-6, keepdim=False)}: {@code ||x1 - x2 + eps||_p}
 * over the last dimension, called as {@code forward(x1, x2)}. Printed without arguments, as PyTorch prints it.
 */
public final class PairwiseDistance extends Module {
    private final double p;
    private final double eps;
    private final boolean keepdim;

    /** {@code PairwiseDistance()}: {@code p=2.0, eps=1e-6, keepdim=False}. */
    public PairwiseDistance() {
        this(2.0);
    }

    /** {@code PairwiseDistance(p)}: {@code eps=1e-6, keepdim=False}. */
    public PairwiseDistance(double p) {
        this(p, 1e-6, false);
    }

    /** {@code PairwiseDistance(p, eps, keepdim)}. */
    public PairwiseDistance(double p, double eps, boolean keepdim) {
        this.p = p;
        this.eps = eps;
        this.keepdim = keepdim;
    }

    /** {@code F.pairwise_distance(x1, x2, p, eps, keepdim)}; shapes that do not broadcast throw LibTorch's TorchException. */
    @Override
    public Tensor forward(Tensor x1, Tensor x2) {
        checkOpen();
        java.util.Objects.requireNonNull(x1, "PairwiseDistance: x1 is null");
        java.util.Objects.requireNonNull(x2, "PairwiseDistance: x2 is null");
        return Ops.pairwiseDistance(x1, x2, p, eps, keepdim);
    }

    @Override
    String arity() {
        return "2 inputs (x1, x2)";
    }

    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException("PairwiseDistance.forward takes 2 inputs (x1, x2), got 1");
    }

    @Override
    protected Module newInstance() {
        return new PairwiseDistance(p, eps, keepdim);
    }
}
