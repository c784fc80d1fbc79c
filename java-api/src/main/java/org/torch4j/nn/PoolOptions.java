package org.torch4j.nn;

/**
 * The keyword arguments of the pooling modules, PyTorch's defaults in {@link #DEFAULT}:
 * {@code stride=None} (null: the kernel size), {@code padding=0}, {@code dilation=1} (max
 * pooling), {@code ceil_mode=False}, {@code count_include_pad=True} and
 * {@code divisor_override=None} (average pooling). One value stands for every dimension.
 */
public record PoolOptions(long[] stride, long[] padding, long[] dilation, boolean ceilMode, boolean countIncludePad,
        Long divisorOverride) {
    /** PyTorch's defaults. */
    public static final PoolOptions DEFAULT = new PoolOptions(null, new long[] {0}, new long[] {1}, false, true, null);

    /** Copies the arrays; {@code stride} null means the kernel size (PyTorch's {@code stride=None}). */
    public PoolOptions {
        stride = stride == null ? null : stride.clone();
        padding = java.util.Objects.requireNonNull(padding, "padding").clone();
        dilation = java.util.Objects.requireNonNull(dilation, "dilation").clone();
    }

    /** {@code stride}: stride of the window; null means the kernel size (PyTorch's None). */
    public PoolOptions withStride(long... stride) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code padding}: implicit padding added on both sides (PyTorch's default 0). */
    public PoolOptions withPadding(long... padding) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code dilation}: spacing between window elements, max pooling only (PyTorch's default 1). */
    public PoolOptions withDilation(long... dilation) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code ceil_mode}: use ceil instead of floor to compute the output shape (PyTorch's default False). */
    public PoolOptions withCeilMode(boolean ceilMode) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code count_include_pad}: include the zero-padding in the averaging, average pooling only (PyTorch's default True). */
    public PoolOptions withCountIncludePad(boolean countIncludePad) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code divisor_override}: divisor used instead of the pooling region size, average pooling only; null is None. */
    public PoolOptions withDivisorOverride(Long divisorOverride) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }
}
