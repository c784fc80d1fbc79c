package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)}
 * (keywords in {@link PoolOptions}; {@code return_indices} is not supported).
 */
public final class MaxPool1d extends Module {
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final long[] dilation;
    private final boolean ceilMode;

    /** {@code MaxPool1d(kernel_size)}: stride = kernel_size. */
    public MaxPool1d(long kernelSize) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT);
    }

    /** {@code MaxPool1d(kernel_size, stride)}. */
    public MaxPool1d(long kernelSize, long stride) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT.withStride(stride));
    }

    /** {@code MaxPool1d(kernel_size, stride, padding)}. */
    public MaxPool1d(long kernelSize, long stride, long padding) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT.withStride(stride).withPadding(padding));
    }

    /** {@code MaxPool1d(kernel_size, **options)}; a kernel of one value stands for every dimension. */
    public MaxPool1d(long[] kernelSize, PoolOptions options) {
        String n = getClass().getSimpleName();
        this.kernelSize = Reprs.expand(n, "kernel_size", kernelSize, kernelSize.length == 1 ? 1 : 1).clone();
        this.stride = options.stride() == null ? this.kernelSize : options.stride();
        this.padding = options.padding();
        this.dilation = options.dilation();
        this.ceilMode = options.ceilMode();
    }

    /** {@code F.max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims(moduleName() + "(kernel_size=" + Reprs.arg(kernelSize) + ")", input, 1 + 1, 1 + 2);
        String n = moduleName();
        return Ops.maxPool1d(input, Reprs.expand(n, "kernel_size", kernelSize, 1), Reprs.expand(n, "stride", stride, 1),
                Reprs.expand(n, "padding", padding, 1), Reprs.expand(n, "dilation", dilation, 1), ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Reprs.arg(kernelSize) + ", stride=" + Reprs.arg(stride) + ", padding=" + Reprs.arg(padding)
                + ", dilation=" + Reprs.arg(dilation) + ", ceil_mode=" + Reprs.b(ceilMode);
    }
}
