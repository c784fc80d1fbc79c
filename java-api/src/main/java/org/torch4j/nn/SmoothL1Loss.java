package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.SmoothL1Loss(reduction='mean', beta=1.0)}, called as {@code loss.forward(input, target)}. */
public final class SmoothL1Loss extends Loss {
    private final double beta;

    /** {@code SmoothL1Loss()}: {@code reduction='mean', beta=1.0}. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    /** {@code SmoothL1Loss(reduction=reduction)}, {@code beta=1.0}. */
    public SmoothL1Loss(Reduction reduction) {
        this(reduction, 1.0);
    }

    /** {@code SmoothL1Loss(reduction, beta)}; {@code beta} must not be negative. */
    public SmoothL1Loss(Reduction reduction, double beta) {
        super(reduction);
        if (beta < 0) {
            throw new IllegalArgumentException("SmoothL1Loss: beta must be >= 0, got " + beta);
        }
        this.beta = beta;
    }

    /** {@code loss_fn(input, target)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Ops.smoothL1Loss(input, target, reduction().code(), beta);
    }

    @Override
    protected Module newInstance() {
        return new SmoothL1Loss(reduction(), beta);
    }
}
