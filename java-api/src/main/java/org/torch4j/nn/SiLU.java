package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.SiLU(inplace=False)}. */
public final class SiLU extends Module {
    private final boolean inplace;

    /** {@code SiLU()}: {@code inplace=False}. */
    public SiLU() {
        this(false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public SiLU(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.silu(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "SiLU: input is null");
        return Ops.silu(input);
    }

    @Override
    protected Module newInstance() {
        return new SiLU(inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
