package org.torch4j.nn;

/**
 * {@code torch.nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True,
 * track_running_stats=True)} (keywords in {@link NormOptions}): batch normalisation over 2D or 3D input
 * {@code [N, C, …]}; see {@link BatchNormBase} and {@link NormBase} for the buffers.
 */
public final class BatchNorm1d extends BatchNormBase {
    /** {@code BatchNorm1d(num_features)}. */
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, NormOptions.BATCH_NORM);
    }

    /** {@code BatchNorm1d(num_features, eps)}. */
    public BatchNorm1d(long numFeatures, double eps) {
        this(numFeatures, NormOptions.BATCH_NORM.withEps(eps));
    }

    /** {@code BatchNorm1d(num_features, **options)}. */
    public BatchNorm1d(long numFeatures, NormOptions options) {
        super(numFeatures, options);
    }

    @Override
    int[] allowedDims() {
        return new int[] {2,3};
    }

    @Override
    protected Module newInstance() {
        return new BatchNorm1d(numFeatures, options());
    }
}
