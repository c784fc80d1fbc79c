package org.torch4j.nn;

/**
 * {@code torch.nn.ReflectionPad1d(padding)}: pads the last dimension with its reflection (the edge not repeated). {@code padding} is one number (all sides) or
 * 2 ({@code (left, right)}); each must be smaller than the dimension it pads (LibTorch's
 * TorchException at forward otherwise); negative amounts crop.
 */
public final class ReflectionPad1d extends PadNd {
    /**
     * {@code ReflectionPad1d(padding)}: one amount for every side, or the tuple {@code (left, right)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 2 values
     */
    public ReflectionPad1d(long... padding) {
        super("ReflectionPad1d", padding, 1, "reflect", 0);
    }

    @Override
    protected Module newInstance() {
        return new ReflectionPad1d(padding);
    }
}
