package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.InstanceNorm2d(num_features, eps=1e-05, momentum=0.1, affine=False,
 * track_running_stats=False)} (keywords in {@link NormOptions}): normalises each channel of each
 * sample of {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}).
 */
public final class InstanceNorm2d extends NormBase {
    /** {@code InstanceNorm2d(num_features)}. */
    public InstanceNorm2d(long numFeatures) {
        this(numFeatures, NormOptions.INSTANCE_NORM);
    }

    /** {@code InstanceNorm2d(num_features, **options)}. */
    public InstanceNorm2d(long numFeatures, NormOptions options) {
        super(numFeatures, options);
    }

    /** {@code F.instance_norm(input, running_mean, running_var, weight, bias, training or not track_running_stats, momentum, eps)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims(label(), input, 3, 4);
        boolean unbatched = input.dim() == 3;
        checkChannels(input, unbatched ? 0 : 1);
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor y = Ops.instanceNorm(x, weight(), bias(), runningMean(), runningVar(), isTraining() || !trackRunningStats,
                momentum == null ? 0.1 : momentum, eps);
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    protected Module newInstance() {
        return new InstanceNorm2d(numFeatures, options());
    }
}
