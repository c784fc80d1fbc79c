package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Hardsigmoid(inplace=False)}: {@code relu6(x + 3) / 6}. */
public final class Hardsigmoid extends Module {
    private final boolean inplace;

    /** {@code Hardsigmoid()}: {@code inplace=False}. */
    public Hardsigmoid() {
        this(false);
    }

    /** {@code inplace} is kept (PyTorch 1.13 does not print it); the result is always a new tensor. */
    public Hardsigmoid(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.hardsigmoid(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Hardsigmoid: input is null");
        return Ops.hardsigmoid(input);
    }

    @Override
    protected Module newInstance() {
        return new Hardsigmoid(inplace);
    }
}
