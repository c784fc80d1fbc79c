package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)}, called as
 * {@code loss.forward(logits, target)} with both of the same shape. {@code weight} and
 * {@code pos_weight} are buffers (in the state dict, as in PyTorch).
 */
public final class BCEWithLogitsLoss extends Loss {
    private final Tensor weight;
    private final Tensor posWeight;

    /** {@code BCEWithLogitsLoss()}: no weight, {@code reduction='mean'}, no pos_weight. */
    public BCEWithLogitsLoss() {
        this(null, Reduction.MEAN, null);
    }

    /** {@code BCEWithLogitsLoss(reduction=reduction)}, no weight or pos_weight. */
    public BCEWithLogitsLoss(Reduction reduction) {
        this(null, reduction, null);
    }

    /** {@code weight} and {@code posWeight} (each may be null) stay the caller's; the module keeps its own references. */
    public BCEWithLogitsLoss(Tensor weight, Reduction reduction, Tensor posWeight) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.posWeight = registerBuffer("pos_weight", posWeight);
    }

    /** {@code F.binary_cross_entropy_with_logits(input, target, weight, pos_weight=pos_weight, reduction=reduction)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "BCEWithLogitsLoss: input is null");
        java.util.Objects.requireNonNull(target, "BCEWithLogitsLoss: target is null");
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("BCEWithLogitsLoss: Target size (" + Reprs.shape(target.shape())
                    + ") must be the same as input size (" + Reprs.shape(input.shape()) + ")");
        }
        return Ops.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction().code());
    }

    @Override
    protected Module newInstance() {
        return new BCEWithLogitsLoss(weight, reduction(), posWeight);
    }
}
