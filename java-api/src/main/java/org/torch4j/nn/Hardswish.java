package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Hardswish(inplace=False)}: {@code x * relu6(x + 3) / 6}. */
public final class Hardswish extends Module {
    private final boolean inplace;

    /** {@code Hardswish()}: {@code inplace=False}. */
    public Hardswish() {
        this(false);
    }

    /** {@code inplace} is kept (PyTorch 1.13 does not print it); the result is always a new tensor. */
    public Hardswish(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.hardswish(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Hardswish: input is null");
        return Ops.hardswish(input);
    }

    @Override
    protected Module newInstance() {
        return new Hardswish(inplace);
    }
}
