package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Hardshrink(lambd=0.5)}: {@code x} where {@code |x| > lambd}, else 0. */
public final class Hardshrink extends Module {
    private final double lambd;

    /** {@code Hardshrink()}: {@code lambd=0.5}. */
    public Hardshrink() {
        this(0.5);
    }

    /** {@code Hardshrink(lambd)}. */
    public Hardshrink(double lambd) {
        this.lambd = lambd;
    }

    /** {@code F.hardshrink(input, lambd)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Hardshrink: input is null");
        return Ops.hardshrink(input, lambd);
    }

    @Override
    protected Module newInstance() {
        return new Hardshrink(lambd);
    }

    /** PyTorch prints the bare value: {@code Hardshrink(0.5)}. */
    @Override
    protected String extraRepr() {
        return Reprs.f(lambd);
    }
}
