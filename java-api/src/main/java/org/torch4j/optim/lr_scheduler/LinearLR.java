package org.torch4j.optim.lr_scheduler;

import org.torch4j.optim.Optimizer;

/**
 * {@code LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)}: scales the lr by a
 * factor moving linearly from {@code startFactor} to {@code endFactor} over {@code totalIters} epochs.
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /** {@code LinearLR(optimizer)} with PyTorch's defaults. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5, -1);
    }

    /** {@code LinearLR(optimizer, start_factor, end_factor, total_iters)}. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        this(optimizer, startFactor, endFactor, totalIters, -1);
    }

    /** {@code LinearLR(optimizer, start_factor, end_factor, total_iters, last_epoch)}. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters, int lastEpoch) {
        super(require(require(optimizer, !(startFactor > 1.0 || startFactor < 0), "Starting multiplicative factor expected to be between 0 and 1."),
                !(endFactor > 1.0 || endFactor < 0), "Ending multiplicative factor expected to be between 0 and 1."), lastEpoch);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] * startFactor;
            }
            return lrs;
        }
        if (lastEpoch > totalIters) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * (1. + (endFactor - startFactor) / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
        }
        return out;
    }
}
