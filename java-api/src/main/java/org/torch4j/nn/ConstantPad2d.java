package org.torch4j.nn;

/**
 * {@code torch.nn.ConstantPad2d(padding, value)}: pads the last two dimensions with {@code value}. {@code padding} is one number (all
 * sides) or 4 ({@code (left, right, top, bottom)}); negative amounts crop.
 */
public final class ConstantPad2d extends PadNd {
    /** {@code ConstantPad2d(padding, value)}: the same amount on every side. */
    public ConstantPad2d(long padding, double value) {
        this(new long[] {padding}, value);
    }

    /**
     * {@code ConstantPad2d(padding, value)} with the tuple {@code (left, right, top, bottom)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 4 values
     */
    public ConstantPad2d(long[] padding, double value) {
        super("ConstantPad2d", padding, 2, "constant", value);
    }

    /** {@code self.value}: the fill value. */
    public double value() {
        return value;
    }

    @Override
    protected Module newInstance() {
        return new ConstantPad2d(padding, value);
    }

    /** {@code padding=(1, 1), value=0.5}; the value prints as the float it is. */
    @Override
    protected String extraRepr() {
        return "padding=" + Reprs.tuple(padding) + ", value=" + Reprs.f(value);
    }
}
