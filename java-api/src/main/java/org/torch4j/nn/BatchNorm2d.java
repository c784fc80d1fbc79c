package org.torch4j.nn;

/**
 * {@code torch.nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True,
 * track_running_stats=True)} (keywords in {@link NormOptions}): batch normalisation over 4D input
 * {@code [N, C, …]}; see {@link BatchNormBase} and {@link NormBase} for the buffers.
 */
public final class BatchNorm2d extends BatchNormBase {
    /** {@code BatchNorm2d(num_features)}. */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, NormOptions.BATCH_NORM);
    }

    /** {@code BatchNorm2d(num_features, eps)}. */
    public BatchNorm2d(long numFeatures, double eps) {
        this(numFeatures, NormOptions.BATCH_NORM.withEps(eps));
    }

    /** {@code BatchNorm2d(num_features, **options)}. */
    public BatchNorm2d(long numFeatures, NormOptions options) {
        super(numFeatures, options);
    }

    @Override
    int[] allowedDims() {
        return new int[] {4};
    }

    @Override
    protected Module newInstance() {
        return new BatchNorm2d(numFeatures, options());
    }
}
