package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.BCELoss(weight=None, reduction='mean')}, called as
 * {@code loss.forward(probabilities, target)} with both of the same shape. {@code weight} is a
 * buffer (in the state dict, as in PyTorch).
 */
public final class BCELoss extends Loss {
    private final Tensor weight;

    /** {@code BCELoss()}: no weight, {@code reduction='mean'}. */
    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    /** {@code BCELoss(reduction=reduction)}, no weight. */
    public BCELoss(Reduction reduction) {
        this(null, reduction);
    }

    /** {@code weight} (may be null) stays the caller's; the module keeps its own reference. */
    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
    }

    /** {@code F.binary_cross_entropy(input, target, weight, reduction)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "BCELoss: input is null");
        java.util.Objects.requireNonNull(target, "BCELoss: target is null");
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("BCELoss: Using a target size (" + Reprs.shape(target.shape())
                    + ") that is different to the input size (" + Reprs.shape(input.shape()) + ") is deprecated. Please ensure they have the same size.");
        }
        return Ops.binaryCrossEntropy(input, target, weight, reduction().code());
    }

    @Override
    protected Module newInstance() {
        return new BCELoss(weight, reduction());
    }
}
