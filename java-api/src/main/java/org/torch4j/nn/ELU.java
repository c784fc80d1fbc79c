package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.ELU(alpha=1.0, inplace=False)}. */
public final class ELU extends Module {
    private final double alpha;
    private final boolean inplace;

    /** {@code ELU()}: {@code alpha=1.0}. */
    public ELU() {
        this(1.0);
    }

    /** {@code ELU(alpha)}. */
    public ELU(double alpha) {
        this(alpha, false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public ELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    /** {@code F.elu(input, alpha)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "ELU: input is null");
        return Ops.elu(input, alpha);
    }

    @Override
    protected Module newInstance() {
        return new ELU(alpha, inplace);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Reprs.f(alpha) + (inplace ? ", inplace=True" : "");
    }
}
