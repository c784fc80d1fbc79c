package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')}, called as {@code loss.forward(input1, input2, target)}. */
public final class CosineEmbeddingLoss extends ThreeInputLoss {
    private final double margin;

    /** {@code CosineEmbeddingLoss()}: {@code margin=0.0, reduction='mean'}. */
    public CosineEmbeddingLoss() {
        this(0.0, Reduction.MEAN);
    }

    /** {@code CosineEmbeddingLoss(margin, reduction)}. */
    public CosineEmbeddingLoss(double margin, Reduction reduction) {
        super(reduction, "input1, input2, target");
        this.margin = margin;
    }

    /** {@code loss_fn(input1, input2, target)}. */
    @Override
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        checkOpen();
        return Ops.cosineEmbeddingLoss(input1, input2, target, margin, reduction().code());
    }

    @Override
    protected Module newInstance() {
        return new CosineEmbeddingLoss(margin, reduction());
    }
}
