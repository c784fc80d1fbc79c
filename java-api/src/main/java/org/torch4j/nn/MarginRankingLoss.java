package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.MarginRankingLoss(margin=0.0, reduction='mean')}, called as {@code loss.forward(input1, input2, target)}. */
public final class MarginRankingLoss extends ThreeInputLoss {
    private final double margin;

    /** {@code MarginRankingLoss()}: {@code margin=0.0, reduction='mean'}. */
    public MarginRankingLoss() {
        this(0.0, Reduction.MEAN);
    }

    /** {@code MarginRankingLoss(margin, reduction)}. */
    public MarginRankingLoss(double margin, Reduction reduction) {
        super(reduction, "input1, input2, target");
        this.margin = margin;
    }

    /** {@code loss_fn(input1, input2, target)}. */
    @Override
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        checkOpen();
        return Ops.marginRankingLoss(input1, input2, target, margin, reduction().code());
    }

    @Override
    protected Module newInstance() {
        return new MarginRankingLoss(margin, reduction());
    }
}
