package org.torch4j.nn;

/**
 * {@code torch.nn.ZeroPad2d(padding)}: pads the last two dimensions with zeros. {@code padding}
 * is one number (all sides) or 4 ({@code (left, right, top, bottom)}); negative amounts crop.
 * Printed as PyTorch 1.13 prints it, the tuple alone: {@code ZeroPad2d((1, 1, 2, 0))}.
 */
public final class ZeroPad2d extends PadNd {
    /**
     * {@code ZeroPad2d(padding)}: one amount for every side, or the tuple {@code (left, right, top, bottom)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 4 values
     */
    public ZeroPad2d(long... padding) {
        super("ZeroPad2d", padding, 2, "constant", 0.0);
    }

    @Override
    protected Module newInstance() {
        return new ZeroPad2d(padding);
    }
}
