package org.torch4j.optim.lr_scheduler;

import org.torch4j.optim.Optimizer;

/** {@code ConstantLR(optimizer, factor=1/3, total_iters=5)}: the lr times {@code factor} until {@code totalIters}, then the lr. */
public final class ConstantLR extends LRScheduler {
    private final double factor;
    private final int totalIters;

    /** {@code ConstantLR(optimizer)} with PyTorch's defaults. */
    public ConstantLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 5, -1);
    }

    /** {@code ConstantLR(optimizer, factor, total_iters)}. */
    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        this(optimizer, factor, totalIters, -1);
    }

    /** {@code ConstantLR(optimizer, factor, total_iters, last_epoch)}. */
    public ConstantLR(Optimizer optimizer, double factor, int totalIters, int lastEpoch) {
        super(require(optimizer, !(factor > 1.0 || factor < 0), "Constant multiplicative factor expected to be between 0 and 1."), lastEpoch);
        this.factor = factor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] * factor;
            }
            return lrs;
        }
        if (lastEpoch > totalIters || lastEpoch != totalIters) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * (1.0 / factor);
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor));
        }
        return out;
    }
}
