package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')}, called as
 * {@code loss.forward(logProbs, target)} with int64 class indices. {@code weight} is a buffer
 * (in the state dict as {@code weight}, as in PyTorch).
 */
public final class NLLLoss extends Loss {
    private final Tensor weight;
    private final long ignoreIndex;

    /** {@code NLLLoss()}: no weight, {@code ignore_index=-100, reduction='mean'}. */
    public NLLLoss() {
        this(null, -100, Reduction.MEAN);
    }

    /** {@code NLLLoss(reduction=reduction)}, no weight, {@code ignore_index=-100}. */
    public NLLLoss(Reduction reduction) {
        this(null, -100, reduction);
    }

    /** {@code weight} (a rescaling per class, may be null) stays the caller's; the module keeps its own reference. */
    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    /** {@code F.nll_loss(input, target, weight, ignore_index, reduction)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Ops.nllLoss(input, target, weight, reduction().code(), ignoreIndex);
    }

    @Override
    protected Module newInstance() {
        return new NLLLoss(weight, ignoreIndex, reduction());
    }
}
