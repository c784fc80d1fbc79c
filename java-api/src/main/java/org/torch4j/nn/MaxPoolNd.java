package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * PyTorch's {@code _MaxPoolNd}: what {@link MaxPool1d} and {@link MaxPool2d} share — the
 * arguments {@code kernel_size, stride (default kernel_size), padding, dilation, ceil_mode}, the
 * forward and the repr ({@code return_indices} is not supported).
 */
public abstract class MaxPoolNd extends Module {
    private final int n;
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final long[] dilation;
    private final boolean ceilMode;
    private final PoolOptions options;

    MaxPoolNd(int n, long[] kernelSize, PoolOptions options) {
        this.n = n;
        this.kernelSize = Reprs.expand(getClass().getSimpleName(), "kernel_size", kernelSize, kernelSize.length == 1 ? 1 : n).clone();
        this.stride = options.stride() == null ? this.kernelSize : options.stride();
        this.padding = options.padding();
        this.dilation = options.dilation();
        this.ceilMode = options.ceilMode();
        this.options = options;
    }

    /** {@code F.max_pool1d} or {@code F.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims(moduleName() + "(kernel_size=" + Reprs.arg(kernelSize) + ")", input, n + 1, n + 2);
        String m = moduleName();
        long[] k = Reprs.expand(m, "kernel_size", kernelSize, n);
        long[] s = Reprs.expand(m, "stride", stride, n);
        long[] p = Reprs.expand(m, "padding", padding, n);
        long[] d = Reprs.expand(m, "dilation", dilation, n);
        return n == 1 ? Ops.maxPool1d(input, k, s, p, d, ceilMode) : Ops.maxPool2d(input, k, s, p, d, ceilMode);
    }

    @Override
    protected Module newInstance() {
        return n == 1 ? new MaxPool1d(kernelSize, options) : new MaxPool2d(kernelSize, options);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Reprs.arg(kernelSize) + ", stride=" + Reprs.arg(stride) + ", padding=" + Reprs.arg(padding)
                + ", dilation=" + Reprs.arg(dilation) + ", ceil_mode=" + Reprs.b(ceilMode);
    }
}
