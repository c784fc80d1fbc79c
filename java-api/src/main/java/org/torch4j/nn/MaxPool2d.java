package org.torch4j.nn;

/**
 * {@code torch.nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)}
 * (keywords in {@link PoolOptions}; {@code return_indices} is not supported).
 */
public final class MaxPool2d extends MaxPoolNd {
    /** {@code MaxPool2d(kernel_size)}: stride = kernel_size. */
    public MaxPool2d(long kernelSize) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT);
    }

    /** {@code MaxPool2d(kernel_size, stride)}. */
    public MaxPool2d(long kernelSize, long stride) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT.withStride(stride));
    }

    /** {@code MaxPool2d(kernel_size, stride, padding)}. */
    public MaxPool2d(long kernelSize, long stride, long padding) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT.withStride(stride).withPadding(padding));
    }

    /** {@code MaxPool2d(kernel_size, **options)}; a kernel of one value stands for every dimension. */
    public MaxPool2d(long[] kernelSize, PoolOptions options) {
        super(2, kernelSize, options);
    }
}
