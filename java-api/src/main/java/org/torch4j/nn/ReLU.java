package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.ReLU(inplace=False)}. */
public final class ReLU extends Module {
    private final boolean inplace;

    /** {@code ReLU()}: {@code inplace=False}. */
    public ReLU() {
        this(false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.relu(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "ReLU: input is null");
        return input.relu();
    }

    @Override
    protected Module newInstance() {
        return new ReLU(inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
