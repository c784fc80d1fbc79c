package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.AdaptiveMaxPool2d(output_size)}: pools each channel to {@code output_size}. */
public final class AdaptiveMaxPool2d extends Module {
    private final long[] outputSize;

    /** {@code AdaptiveMaxPool2d(output_size)}, one value for every dimension. */
    public AdaptiveMaxPool2d(long outputSize) {
        this(new long[] {outputSize});
    }

    /** {@code AdaptiveMaxPool2d(output_size=(…))}. */
    public AdaptiveMaxPool2d(long... outputSize) {
        this.outputSize = Reprs.expand("AdaptiveMaxPool2d", "output_size", outputSize, outputSize.length == 1 ? 1 : 2);
    }

    /** {@code F.adaptive_max_pool2d(input, output_size)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims("AdaptiveMaxPool2d(output_size=" + Reprs.arg(outputSize) + ")", input, 3,4);
        return Ops.adaptiveMaxPool2d(input, Reprs.expand("AdaptiveMaxPool2d", "output_size", outputSize, 2));
    }

    @Override
    protected Module newInstance() {
        return new AdaptiveMaxPool2d(outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Reprs.arg(outputSize);
    }
}
