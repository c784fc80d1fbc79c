package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06, swap=False, reduction='mean')}, called as {@code loss.forward(anchor, positive, negative)}. */
public final class TripletMarginLoss extends ThreeInputLoss {
    private final double margin;
    private final double p;
    private final double eps;
    private final boolean swap;

    /** {@code TripletMarginLoss()}: {@code margin=1.0, p=2.0, eps=1e-6, swap=False, reduction='mean'}. */
    public TripletMarginLoss() {
        this(1.0, 2.0, 1e-6, false, Reduction.MEAN);
    }

    /** {@code TripletMarginLoss(margin, p, eps, swap, reduction)}; {@code margin} must be positive. */
    public TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction) {
        super(reduction, "anchor, positive, negative");
        if (!(margin > 0)) {
            throw new IllegalArgumentException("TripletMarginLoss: margin must be greater than 0, got " + margin);
        }
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
    }

    /** {@code loss_fn(anchor, positive, negative)}. */
    @Override
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        checkOpen();
        return Ops.tripletMarginLoss(input1, input2, target, margin, p, eps, swap, reduction().code());
    }

    @Override
    protected Module newInstance() {
        return new TripletMarginLoss(margin, p, eps, swap, reduction());
    }
}
