package org.torch4j.nn;

/**
 * {@code torch.nn.ConstantPad1d(padding, value)}: pads the last dimension with {@code value}. {@code padding} is one number (all
 * sides) or 2 ({@code (left, right)}); negative amounts crop.
 */
public final class ConstantPad1d extends PadNd {
    /** {@code ConstantPad1d(padding, value)}: the same amount on every side. */
    public ConstantPad1d(long padding, double value) {
        this(new long[] {padding}, value);
    }

    /**
     * {@code ConstantPad1d(padding, value)} with the tuple {@code (left, right)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 2 values
     */
    public ConstantPad1d(long[] padding, double value) {
        super("ConstantPad1d", padding, 1, "constant", value);
    }

    /** {@code self.value}: the fill value. */
    public double value() {
        return value;
    }

    @Override
    protected Module newInstance() {
        return new ConstantPad1d(padding, value);
    }

    /** {@code padding=(1, 1), value=0.5}; the value prints as the float it is. */
    @Override
    protected String extraRepr() {
        return "padding=" + Reprs.tuple(padding) + ", value=" + Reprs.f(value);
    }
}
