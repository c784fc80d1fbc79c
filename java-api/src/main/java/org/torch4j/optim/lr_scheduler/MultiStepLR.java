package org.torch4j.optim.lr_scheduler;

import java.util.Arrays;
import org.torch4j.optim.Optimizer;

/**
 * {@code MultiStepLR(optimizer, milestones, gamma=0.1)}: multiplies every group's lr by
 * {@code gamma} at each milestone (a milestone listed k times multiplies by {@code gamma^k}).
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    /** {@code MultiStepLR(optimizer, milestones)} with {@code gamma=0.1}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1, -1);
    }

    /** {@code MultiStepLR(optimizer, milestones, gamma)}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        this(optimizer, milestones, gamma, -1);
    }

    /** {@code MultiStepLR(optimizer, milestones, gamma, last_epoch)}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma, int lastEpoch) {
        super(optimizer, lastEpoch);
        this.milestones = milestones.clone();
        Arrays.sort(this.milestones);
        this.gamma = gamma;
        initialStep();
    }

    /** How often {@code epoch} is a milestone (Python's Counter). */
    private int count(int epoch) {
        int c = 0;
        for (int m : milestones) {
            if (m == epoch) {
                c++;
            }
        }
        return c;
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        int c = count(lastEpoch);
        if (c == 0) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * Math.pow(gamma, c);
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        int passed = 0; // bisect_right(sorted milestones, last_epoch)
        for (int m : milestones) {
            if (m <= lastEpoch) {
                passed++;
            }
        }
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * Math.pow(gamma, passed);
        }
        return out;
    }
}
