package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Softshrink(lambd=0.5)}: {@code x - lambd} above {@code lambd}, {@code x + lambd} below {@code -lambd}, else 0. */
public final class Softshrink extends Module {
    private final double lambd;

    /** {@code Softshrink()}: {@code lambd=0.5}. */
    public Softshrink() {
        this(0.5);
    }

    /**
     * {@code Softshrink(lambd)}.
     *
     * @throws IllegalArgumentException if {@code lambd} is negative or NaN (PyTorch fails at the first forward)
     */
    public Softshrink(double lambd) {
        if (!(lambd >= 0)) {
            throw new IllegalArgumentException("Softshrink: lambd must be greater or equal to 0, got " + Reprs.f(lambd));
        }
        this.lambd = lambd;
    }

    /** {@code F.softshrink(input, lambd)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Softshrink: input is null");
        return Ops.softshrink(input, lambd);
    }

    @Override
    protected Module newInstance() {
        return new Softshrink(lambd);
    }

    /** PyTorch prints the bare value: {@code Softshrink(0.5)}. */
    @Override
    protected String extraRepr() {
        return Reprs.f(lambd);
    }
}
