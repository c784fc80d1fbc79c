package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * PyTorch's {@code _BatchNorm}: in training, normalises with the batch's statistics and updates
 * the running ones in place ({@code running = (1 - momentum) * running + momentum * batch},
 * unbiased variance; with {@code momentum=None} the factor is {@code 1 / num_batches_tracked}, a
 * cumulative average); in eval mode, normalises with the running statistics.
 */
public abstract class BatchNormBase extends NormBase {
    BatchNormBase(long numFeatures, NormOptions options) {
        super(numFeatures, options);
    }

    /** The dimension counts this module accepts. */
    abstract int[] allowedDims();

    /** {@code _BatchNorm.forward}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims(label(), input, allowedDims());
        checkChannels(input, 1);
        double factor = momentum == null ? 0.0 : momentum;
        boolean training = isTraining();
        if (training && trackRunningStats) {
            Tensor n = numBatchesTracked();
            Ops.increment_(n);
            if (momentum == null) {
                factor = 1.0 / (double) n.itemLong();
            }
        }
        boolean bnTraining = training || (runningMean() == null && runningVar() == null);
        if (bnTraining) {
            long[] s = input.shape();
            long values = s[0];
            for (int i = 2; i < s.length; i++) {
                values *= s[i];
            }
            if (values == 1) {
                throw new IllegalArgumentException(label() + ": Expected more than 1 value per channel when training, got input size "
                        + Reprs.shape(s));
            }
        }
        boolean useRunning = !training || trackRunningStats;
        return Ops.batchNorm(input, weight(), bias(), useRunning ? runningMean() : null, useRunning ? runningVar() : null, bnTraining,
                factor, eps);
    }
}
