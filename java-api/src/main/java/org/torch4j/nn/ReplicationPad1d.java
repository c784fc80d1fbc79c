package org.torch4j.nn;

/**
 * {@code torch.nn.ReplicationPad1d(padding)}: pads the last dimension by repeating its edge value. {@code padding} is one number (all sides) or
 * 2 ({@code (left, right)}); each must be smaller than the dimension it pads (LibTorch's
 * TorchException at forward otherwise); negative amounts crop.
 */
public final class ReplicationPad1d extends PadNd {
    /**
     * {@code ReplicationPad1d(padding)}: one amount for every side, or the tuple {@code (left, right)}.
     *
     * @throws IllegalArgumentException if {@code padding} has neither 1 nor 2 values
     */
    public ReplicationPad1d(long... padding) {
        super("ReplicationPad1d", padding, 1, "replicate", 0);
    }

    @Override
    protected Module newInstance() {
        return new ReplicationPad1d(padding);
    }
}
