package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.PixelShuffle(upscale_factor)}: {@code [*, C*r*r, H, W]} to {@code [*, C, H*r, W*r]}. */
public final class PixelShuffle extends Module {
    private final long upscaleFactor;

    /**
     * {@code PixelShuffle(upscale_factor)}.
     *
     * @throws IllegalArgumentException if {@code upscaleFactor} is not positive (PyTorch fails at the first forward)
     */
    public PixelShuffle(long upscaleFactor) {
        if (upscaleFactor <= 0) {
            throw new IllegalArgumentException("PixelShuffle: upscale_factor must be positive, got " + upscaleFactor);
        }
        this.upscaleFactor = upscaleFactor;
    }

    /** {@code upscale_factor}. */
    public long upscaleFactor() {
        return upscaleFactor;
    }

    /** {@code F.pixel_shuffle(input, upscale_factor)}; a channel count not divisible by r*r throws LibTorch's TorchException. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "PixelShuffle: input is null");
        return Ops.pixelShuffle(input, upscaleFactor);
    }

    @Override
    protected Module newInstance() {
        return new PixelShuffle(upscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "upscale_factor=" + upscaleFactor;
    }
}
