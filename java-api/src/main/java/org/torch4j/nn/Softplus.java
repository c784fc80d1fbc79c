package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Softplus(beta=1, threshold=20)}. */
public final class Softplus extends Module {
    private final double beta;
    private final double threshold;

    public Softplus() {
        this(1, 20);
    }

    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    /** {@code F.softplus(input, beta, threshold)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Softplus: input is null");
        return Ops.softplus(input, beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return "beta=" + Reprs.num(beta) + ", threshold=" + Reprs.num(threshold);
    }
}
