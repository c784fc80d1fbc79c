package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Tanh()}. */
public final class Tanh extends Module {
    /** {@code torch.nn.Tanh()}. */
    public Tanh() {
    }

    /** {@code torch.tanh(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Tanh: input is null");
        return input.tanh();
    }

    @Override
    protected Module newInstance() {
        return new Tanh();
    }

    @Override
    protected String extraRepr() {
        return "";
    }
}
