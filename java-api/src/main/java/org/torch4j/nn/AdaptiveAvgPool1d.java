package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.AdaptiveAvgPool1d(output_size)}: pools each channel to {@code output_size}. */
public final class AdaptiveAvgPool1d extends Module {
    private final long[] outputSize;

    /** {@code AdaptiveAvgPool1d(output_size)}, one value for every dimension. */
    public AdaptiveAvgPool1d(long outputSize) {
        this(new long[] {outputSize});
    }

    /** {@code AdaptiveAvgPool1d(output_size=(…))}. */
    public AdaptiveAvgPool1d(long... outputSize) {
        this.outputSize = Reprs.expand("AdaptiveAvgPool1d", "output_size", outputSize, outputSize.length == 1 ? 1 : 1);
    }

    /** {@code F.adaptive_avg_pool1d(input, output_size)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims("AdaptiveAvgPool1d(output_size=" + Reprs.arg(outputSize) + ")", input, 2,3);
        return Ops.adaptiveAvgPool1d(input, Reprs.expand("AdaptiveAvgPool1d", "output_size", outputSize, 1));
    }

    @Override
    protected Module newInstance() {
        return new AdaptiveAvgPool1d(outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Reprs.arg(outputSize);
    }
}
