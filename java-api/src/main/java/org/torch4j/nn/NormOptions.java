package org.torch4j.nn;

/**
 * The keyword arguments of BatchNorm and InstanceNorm: {@code eps=1e-5}, {@code momentum=0.1}
 * (null: PyTorch's {@code momentum=None}, a cumulative moving average), {@code affine} and
 * {@code track_running_stats} (both true for BatchNorm, {@link #BATCH_NORM}; both false for
 * InstanceNorm, {@link #INSTANCE_NORM}).
 */
public record NormOptions(double eps, Double momentum, boolean affine, boolean trackRunningStats) {
    /** BatchNorm's defaults. */
    public static final NormOptions BATCH_NORM = new NormOptions(1e-5, 0.1, true, true);
    /** InstanceNorm's defaults. */
    public static final NormOptions INSTANCE_NORM = new NormOptions(1e-5, 0.1, false, false);

    /** {@code eps}: value added to the denominator for numerical stability (PyTorch's default 1e-5). */
    public NormOptions withEps(double eps) {
        return new NormOptions(eps, momentum, affine, trackRunningStats);
    }

    /** {@code momentum=None} is {@code withMomentum(null)}. */
    public NormOptions withMomentum(Double momentum) {
        return new NormOptions(eps, momentum, affine, trackRunningStats);
    }

    /** {@code affine}: whether the module has learnable affine parameters ({@code weight} and {@code bias}). */
    public NormOptions withAffine(boolean affine) {
        return new NormOptions(eps, momentum, affine, trackRunningStats);
    }

    /** {@code track_running_stats}: whether the module tracks the running mean and variance. */
    public NormOptions withTrackRunningStats(boolean trackRunningStats) {
        return new NormOptions(eps, momentum, affine, trackRunningStats);
    }
}
