package org.torch4j.nn;

/**
 * {@code torch.nn.ReplicationPad2d(padding)}: pads the last two dimensions by repeating their edge values. {@code padding} is one number (all sides) or
 * 4 ({@code (left, right, top, bottom)}); each must be smaller than the dimension it pads (LibTorch's
 * TorchException at forward otherwise); negative amounts crop.
 */
public final class ReplicationPad2d extends PadNd {
    /**
     * {@code ReplicationPad2d(padding)}: one amount for every side, or the tuple {@code (left, right, top, bottom)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 4 values
     */
    public ReplicationPad2d(long... padding) {
        super("ReplicationPad2d", padding, 2, "replicate", 0);
    }

    @Override
    protected Module newInstance() {
        return new ReplicationPad2d(padding);
    }
}
