package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Mish(inplace=False)}: {@code x * tanh(softplus(x))}. */
public final class Mish extends Module {
    private final boolean inplace;

    /** {@code Mish()}: {@code inplace=False}. */
    public Mish() {
        this(false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public Mish(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.mish(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Mish: input is null");
        return Ops.mish(input);
    }

    @Override
    protected Module newInstance() {
        return new Mish(inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
