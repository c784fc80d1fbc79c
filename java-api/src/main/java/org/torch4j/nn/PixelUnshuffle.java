package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.PixelUnshuffle(downscale_factor)}: {@code [*, C, H*r, W*r]} to {@code [*, C*r*r, H, W]}. */
public final class PixelUnshuffle extends Module {
    private final long downscaleFactor;

    /**
     * {@code PixelUnshuffle(downscale_factor)}.
     *
     * @throws IllegalArgumentException if {@code downscaleFactor} is not positive (PyTorch fails at the first forward)
     */
    public PixelUnshuffle(long downscaleFactor) {
        if (downscaleFactor <= 0) {
            throw new IllegalArgumentException("PixelUnshuffle: downscale_factor must be positive, got " + downscaleFactor);
        }
        this.downscaleFactor = downscaleFactor;
    }

    /** {@code downscale_factor}. */
    public long downscaleFactor() {
        return downscaleFactor;
    }

    /** {@code F.pixel_unshuffle(input, downscale_factor)}; a height or width not divisible by r throws LibTorch's TorchException. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "PixelUnshuffle: input is null");
        return Ops.pixelUnshuffle(input, downscaleFactor);
    }

    @Override
    protected Module newInstance() {
        return new PixelUnshuffle(downscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "downscale_factor=" + downscaleFactor;
    }
}
