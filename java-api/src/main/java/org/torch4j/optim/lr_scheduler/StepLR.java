package org.torch4j.optim.lr_scheduler;

import org.torch4j.optim.Optimizer;

/** {@code StepLR(optimizer, step_size, gamma=0.1)}: multiplies every group's lr by {@code gamma} every {@code stepSize} epochs. */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /** {@code StepLR(optimizer, step_size)} with {@code gamma=0.1}. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1, -1);
    }

    /** {@code StepLR(optimizer, step_size, gamma)}. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        this(optimizer, stepSize, gamma, -1);
    }

    /** {@code StepLR(optimizer, step_size, gamma, last_epoch)}. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma, int lastEpoch) {
        super(require(optimizer, !(stepSize <= 0), "StepLR: step_size must be positive, got " + stepSize), lastEpoch);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * gamma;
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize));
        }
        return out;
    }
}
