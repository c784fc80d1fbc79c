package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.L1Loss(reduction='mean')}, called as {@code loss.forward(input, target)}. */
public final class L1Loss extends Loss {
    /** {@code L1Loss()}: {@code reduction='mean'}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** {@code L1Loss(reduction=reduction)}. */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    /** {@code loss_fn(input, target)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Ops.l1Loss(input, target, reduction().code());
    }

    @Override
    protected Module newInstance() {
        return new L1Loss(reduction());
    }
}
