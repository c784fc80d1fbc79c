package org.torch4j.optim.lr_scheduler;

import org.torch4j.optim.Optimizer;

/** {@code PolynomialLR(optimizer, total_iters=5, power=1.0)}: polynomial decay to 0 over {@code totalIters} epochs. */
public final class PolynomialLR extends LRScheduler {
    private final int totalIters;
    private final double power;

    /** {@code PolynomialLR(optimizer)} with PyTorch's defaults. */
    public PolynomialLR(Optimizer optimizer) {
        this(optimizer, 5, 1.0, -1);
    }

    /** {@code PolynomialLR(optimizer, total_iters, power)}. */
    public PolynomialLR(Optimizer optimizer, int totalIters, double power) {
        this(optimizer, totalIters, power, -1);
    }

    /** {@code PolynomialLR(optimizer, total_iters, power, last_epoch)}. */
    public PolynomialLR(Optimizer optimizer, int totalIters, double power, int lastEpoch) {
        super(optimizer, lastEpoch);
        this.totalIters = totalIters;
        this.power = power;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0 || lastEpoch > totalIters) {
            return lrs;
        }
        double decay = Math.pow((1.0 - (double) lastEpoch / totalIters) / (1.0 - (double) (lastEpoch - 1) / totalIters), power);
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * decay;
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power);
        }
        return out;
    }
}
