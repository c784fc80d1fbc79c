package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')}, called as {@code loss.forward(input1, input2, target)}. */
public final class CosineEmbeddingLoss extends Loss {
    private final double margin;

    /** {@code CosineEmbeddingLoss()}: {@code margin=0.0, reduction='mean'}. */
    public CosineEmbeddingLoss() {
        this(0.0, Reduction.MEAN);
    }

    /** {@code CosineEmbeddingLoss(margin, reduction)}. */
    public CosineEmbeddingLoss(double margin, Reduction reduction) {
        super(reduction);
        this.margin = margin;
    }

    /** {@code loss_fn(input1, input2, target)}. */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        checkOpen();
        return Ops.cosineEmbeddingLoss(input1, input2, target, margin, reduction().code());
    }

    /** Not enough inputs: throws IllegalArgumentException naming the three this loss takes. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        throw new IllegalArgumentException("CosineEmbeddingLoss.forward takes " + arity() + ", got 2");
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
        return "3 inputs (input1, input2, target)";
    }
}
