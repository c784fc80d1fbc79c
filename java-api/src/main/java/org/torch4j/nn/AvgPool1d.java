package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)}. */
public final class AvgPool1d extends Module {
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final PoolOptions options;

    /** {@code AvgPool1d(kernel_size)}: stride = kernel_size. */
    public AvgPool1d(long kernelSize) {
        this(kernelSize, PoolOptions.DEFAULT);
    }

    /** {@code AvgPool1d(kernel_size, stride)}. */
    public AvgPool1d(long kernelSize, long stride) {
        this(kernelSize, PoolOptions.DEFAULT.withStride(stride));
    }

    /** {@code AvgPool1d(kernel_size, **options)}. */
    public AvgPool1d(long kernelSize, PoolOptions options) {
        this.kernelSize = new long[] {kernelSize};
        this.stride = options.stride() == null ? this.kernelSize : Reprs.expand("AvgPool1d", "stride", options.stride(), 1);
        this.padding = Reprs.expand("AvgPool1d", "padding", options.padding(), 1);
        this.ceilMode = options.ceilMode();
        this.countIncludePad = options.countIncludePad();
        this.options = options;
    }

    /** {@code F.avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims("AvgPool1d(kernel_size=" + kernelSize[0] + ")", input, 2, 3);
        return Ops.avgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected Module newInstance() {
        return new AvgPool1d(kernelSize[0], options);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Reprs.tuple(kernelSize) + ", stride=" + Reprs.tuple(stride) + ", padding=" + Reprs.tuple(padding);
    }
}
