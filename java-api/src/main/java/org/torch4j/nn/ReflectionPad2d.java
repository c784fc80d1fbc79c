package org.torch4j.nn;

/**
 * {@code torch.nn.ReflectionPad2d(padding)}: pads the last two dimensions with their reflection (the edge not repeated). {@code padding} is one number (all sides) or
 * 4 ({@code (left, right, top, bottom)}); each must be smaller than the dimension it pads (LibTorch's
 * TorchException at forward otherwise); negative amounts crop.
 */
public final class ReflectionPad2d extends PadNd {
    /**
     * {@code ReflectionPad2d(padding)}: one amount for every side, or the tuple {@code (left, right, top, bottom)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 4 values
     */
    public ReflectionPad2d(long... padding) {
        super("ReflectionPad2d", padding, 2, "reflect", 0);
    }

    @Override
    protected Module newInstance() {
        return new ReflectionPad2d(padding);
    }
}
