package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.HuberLoss(reduction='mean', delta=1.0)}, called as {@code loss.forward(input, target)}. */
public final class HuberLoss extends Loss {
    private final double delta;

    /** {@code HuberLoss()}: {@code reduction='mean', delta=1.0}. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    /** {@code HuberLoss(reduction=reduction)}, {@code delta=1.0}. */
    public HuberLoss(Reduction reduction) {
        this(reduction, 1.0);
    }

    /** {@code HuberLoss(reduction, delta)}; {@code delta} must be positive. */
    public HuberLoss(Reduction reduction, double delta) {
        super(reduction);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("HuberLoss: delta must be > 0, got " + delta);
        }
        this.delta = delta;
    }

    /** {@code loss_fn(input, target)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Ops.huberLoss(input, target, reduction().code(), delta);
    }

    @Override
    protected Module newInstance() {
        return new HuberLoss(reduction(), delta);
    }
}
