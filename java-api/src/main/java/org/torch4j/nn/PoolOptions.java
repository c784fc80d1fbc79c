package org.torch4j.nn;

/**
 * The keyword arguments of the pooling modules, PyTorch's defaults in {@link #DEFAULT}:
 * {@code stride=None} (null: the kernel size), {@code padding=0}, {@code dilation=1} (max
 * pooling), {@code ceil_mode=False}, {@code count_include_pad=True} and
 * {@code divisor_override=None} (average pooling). One value stands for every dimension.
 */
public record PoolOptions(long[] stride, long[] padding, long[] dilation, boolean ceilMode, boolean countIncludePad,
        Long divisorOverride) {
    public static final PoolOptions DEFAULT = new PoolOptions(null, new long[] {0}, new long[] {1}, false, true, null);

    public PoolOptions {
        stride = stride == null ? null : stride.clone();
        padding = java.util.Objects.requireNonNull(padding, "padding").clone();
        dilation = java.util.Objects.requireNonNull(dilation, "dilation").clone();
    }

    public PoolOptions withStride(long... stride) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    public PoolOptions withPadding(long... padding) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    public PoolOptions withDilation(long... dilation) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    public PoolOptions withCeilMode(boolean ceilMode) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    public PoolOptions withCountIncludePad(boolean countIncludePad) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    public PoolOptions withDivisorOverride(Long divisorOverride) {
        return new PoolOptions(stride, padding, dilation, ceilMode, countIncludePad, divisorOverride);
    }
}
