package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.CELU(alpha=1.0, inplace=False)}: {@code max(0, x) + min(0, alpha * (exp(x / alpha) - 1))}. */
public final class CELU extends Module {
    private final double alpha;
    private final boolean inplace;

    /** {@code CELU()}: {@code alpha=1.0}. */
    public CELU() {
        this(1.0);
    }

    /** {@code CELU(alpha)}. */
    public CELU(double alpha) {
        this(alpha, false);
    }

    /**
     * {@code inplace} is recorded for the repr; the result is always a new tensor.
     *
     * @throws IllegalArgumentException if {@code alpha} is 0 (PyTorch fails at the first forward)
     */
    public CELU(double alpha, boolean inplace) {
        if (alpha == 0) {
            throw new IllegalArgumentException("CELU: alpha cannot be 0, got " + Reprs.f(alpha));
        }
        this.alpha = alpha;
        this.inplace = inplace;
    }

    /** {@code F.celu(input, alpha)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "CELU: input is null");
        return Ops.celu(input, alpha);
    }

    @Override
    protected Module newInstance() {
        return new CELU(alpha, inplace);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Reprs.f(alpha) + (inplace ? ", inplace=True" : "");
    }
}
