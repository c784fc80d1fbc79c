package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PyTorch's {@code _NormBase}: the parameters {@code weight} (ones) and {@code bias} (zeros) when
 * {@code affine}, and the buffers {@code running_mean} (zeros), {@code running_var} (ones) and
 * {@code num_batches_tracked} (int64 0) when {@code track_running_stats} — in the state dict
 * under those names, moved by {@code to}, updated in place by training forwards.
 */
public abstract class NormBase extends Module {
    final long numFeatures;
    final double eps;
    final Double momentum;
    final boolean affine;
    final boolean trackRunningStats;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    NormBase(long numFeatures, NormOptions o) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": num_features must be positive, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.eps = o.eps();
        this.momentum = o.momentum();
        this.affine = o.affine();
        this.trackRunningStats = o.trackRunningStats();
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", affine ? Torch.ones(numFeatures) : null);
            bias = registerParameter("bias", affine ? Torch.zeros(numFeatures) : null);
            runningMean = registerBuffer("running_mean", trackRunningStats ? Torch.zeros(numFeatures) : null);
            runningVar = registerBuffer("running_var", trackRunningStats ? Torch.ones(numFeatures) : null);
            numBatchesTracked = registerBuffer("num_batches_tracked", trackRunningStats ? Torch.zeros(DType.INT64) : null);
        }
    }

    /** {@code reset_running_stats()}: running mean 0, running variance 1, batches tracked 0. */
    public void resetRunningStats() {
        checkOpen();
        if (trackRunningStats) {
            init.zeros_(runningMean);
            init.ones_(runningVar);
            init.zeros_(numBatchesTracked);
        }
    }

    /** {@code reset_parameters()}: the running stats, then weight ones and bias zeros. */
    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            init.ones_(weight);
            init.zeros_(bias);
        }
    }

    /** {@code self.weight} (null unless affine); owned by this module. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** {@code self.bias} (null unless affine); owned by this module. */
    public Tensor bias() {
        checkOpen();
        return bias;
    }

    /** {@code self.running_mean} (null unless tracking); owned by this module. */
    public Tensor runningMean() {
        checkOpen();
        return runningMean;
    }

    /** {@code self.running_var} (null unless tracking); owned by this module. */
    public Tensor runningVar() {
        checkOpen();
        return runningVar;
    }

    /** {@code self.num_batches_tracked}, an int64 scalar (null unless tracking); owned by this module. */
    public Tensor numBatchesTracked() {
        checkOpen();
        return numBatchesTracked;
    }

    /** {@code num_features}: the number of features (channels) C of the input. */
    public long numFeatures() {
        return numFeatures;
    }

    String label() {
        return moduleName() + "(" + numFeatures + ")";
    }

    /** Throws unless the input has {@code dims} dimensions and {@code num_features} channels at {@code channelDim}. */
    void checkChannels(Tensor input, int channelDim) {
        long[] s = input.shape();
        if (s[channelDim] != numFeatures) {
            throw new IllegalArgumentException(label() + ": expected input with " + numFeatures + " channels, got " + Reprs.shape(s));
        }
    }

    /** The constructor's options, for the subclasses' {@code newInstance()}. */
    NormOptions options() {
        return new NormOptions(eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Reprs.f(eps) + ", momentum=" + (momentum == null ? "None" : Reprs.f(momentum)) + ", affine="
                + Reprs.b(affine) + ", track_running_stats=" + Reprs.b(trackRunningStats);
    }
}
