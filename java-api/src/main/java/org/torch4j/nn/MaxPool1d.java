package org.torch4j.nn;

/**
 * {@code torch.nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)}
 * (keywords in {@link PoolOptions}; {@code return_indices} is not supported).
 */
public final class MaxPool1d extends MaxPoolNd {
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
        super(1, kernelSize, options);
    }
}
