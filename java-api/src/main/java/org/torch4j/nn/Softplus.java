package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Softplus(beta=1, threshold=20)}. */
public final class Softplus extends Module {
    private final double beta;
    private final double threshold;
    /** Whether the values are PyTorch's int defaults (printed {@code beta=1, threshold=20}) rather than given floats. */
    private final boolean intDefaults;

    /** {@code Softplus()}: beta 1, threshold 20. */
    public Softplus() {
        this.beta = 1;
        this.threshold = 20;
        this.intDefaults = true;
    }

    /** {@code Softplus(beta, threshold)}, printed as the floats they are ({@code beta=2.0}). */
    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
        this.intDefaults = false;
    }

    /** {@code F.softplus(input, beta, threshold)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Softplus: input is null");
        return Ops.softplus(input, beta, threshold);
    }

    @Override
    protected Module newInstance() {
        return intDefaults ? new Softplus() : new Softplus(beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return intDefaults ? "beta=1, threshold=20" : "beta=" + Reprs.f(beta) + ", threshold=" + Reprs.f(threshold);
    }
}
