package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.SELU(inplace=False)}: {@code scale * (max(0, x) + min(0, alpha * (exp(x) - 1)))} with PyTorch's fixed alpha and scale. */
public final class SELU extends Module {
    private final boolean inplace;

    /** {@code SELU()}: {@code inplace=False}. */
    public SELU() {
        this(false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public SELU(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.selu(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "SELU: input is null");
        return Ops.selu(input);
    }

    @Override
    protected Module newInstance() {
        return new SELU(inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
