package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.MSELoss(reduction='mean')}: squared error between input and target, called as
 * {@code loss.forward(yPred, y)}.
 */
public final class MSELoss extends Loss {
    /** {@code MSELoss()}: mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** {@code nn.MSELoss(reduction=...)}. */
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    /** {@code loss_fn(input, target)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Functional.mseLoss(input, target, reduction());
    }

    @Override
    protected Module newInstance() {
        return new MSELoss(reduction());
    }
}
