package org.torch4j.optim.lr_scheduler;

import org.torch4j.optim.Optimizer;

/**
 * {@code CosineAnnealingLR(optimizer, T_max, eta_min=0)}: cosine annealing from the base lr to
 * {@code etaMin} over {@code tMax} epochs (and back up, as PyTorch's recursive form does past T_max).
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /** {@code CosineAnnealingLR(optimizer, T_max)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0, -1);
    }

    /** {@code CosineAnnealingLR(optimizer, T_max, eta_min)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        this(optimizer, tMax, etaMin, -1);
    }

    /** {@code CosineAnnealingLR(optimizer, T_max, eta_min, last_epoch)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin, int lastEpoch) {
        super(require(optimizer, !(tMax <= 0), "CosineAnnealingLR: T_max must be positive, got " + tMax), lastEpoch);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            return lrs;
        }
        double[] out = new double[lrs.length];
        if (stepCount == 1 && lastEpoch > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos((lastEpoch) * Math.PI / tMax)) / 2;
            }
        } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = lrs[i] + (baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax)) * (lrs[i] - etaMin) + etaMin;
            }
        }
        return out;
    }

    @Override
    protected double[] closedFormLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
        }
        return out;
    }
}
