package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Sigmoid()}. */
public final class Sigmoid extends Module {
    /** {@code torch.nn.Sigmoid()}. */
    public Sigmoid() {
    }

    /** {@code torch.sigmoid(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Sigmoid: input is null");
        return input.sigmoid();
    }

    @Override
    protected Module newInstance() {
        return new Sigmoid();
    }

    @Override
    protected String extraRepr() {
        return "";
    }
}
