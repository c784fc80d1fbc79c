package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06, swap=False, reduction='mean')}, called as {@code loss.forward(anchor, positive, negative)}. */
public final class TripletMarginLoss extends Loss {
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
        super(reduction);
        if (!(margin > 0)) {
            throw new IllegalArgumentException("TripletMarginLoss: margin must be greater than 0, got " + margin);
        }
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
    }

    /** {@code loss_fn(anchor, positive, negative)}. */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        checkOpen();
        return Ops.tripletMarginLoss(input1, input2, target, margin, p, eps, swap, reduction().code());
    }

    /** Not enough inputs: throws IllegalArgumentException naming the three this loss takes. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        throw new IllegalArgumentException("TripletMarginLoss.forward takes " + arity() + ", got 2");
    }

    /** Three inputs go to {@link #forward(Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs != null && inputs.length == 3) {
            return forward(inputs[0], inputs[1], inputs[2]);
        }
        return super.forward(inputs);
    }

    @Override
    String arity() {
        return "3 inputs (anchor, positive, negative)";
    }
}
