package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.CTCLoss(blank=0, reduction='mean', zero_infinity=False)}, called as
 * {@code loss.forward(logProbs, targets, inputLengths, targetLengths)}: {@code logProbs}
 * {@code [T, N, C]} log-softmaxed, lengths as int64 tensors.
 */
public final class CTCLoss extends Loss {
    private final long blank;
    private final boolean zeroInfinity;

    /** {@code CTCLoss()}: {@code blank=0, reduction='mean', zero_infinity=False}. */
    public CTCLoss() {
        this(0, Reduction.MEAN, false);
    }

    /** {@code CTCLoss(blank, reduction, zero_infinity)}. */
    public CTCLoss(long blank, Reduction reduction, boolean zeroInfinity) {
        super(reduction);
        this.blank = blank;
        this.zeroInfinity = zeroInfinity;
    }

    /** {@code F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity)}. */
    public Tensor forward(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths) {
        checkOpen();
        return Ops.ctcLoss(logProbs, targets, inputLengths, targetLengths, blank, reduction().code(), zeroInfinity);
    }

    /** Not enough inputs: throws IllegalArgumentException naming the four this loss takes. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        throw new IllegalArgumentException("CTCLoss.forward takes " + arity() + ", got 2");
    }

    /** Four inputs go to {@link #forward(Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs != null && inputs.length == 4) {
            return forward(inputs[0], inputs[1], inputs[2], inputs[3]);
        }
        return super.forward(inputs);
    }

    @Override
    String arity() {
        return "4 inputs (log_probs, targets, input_lengths, target_lengths)";
    }

    @Override
    protected Module newInstance() {
        return new CTCLoss(blank, reduction(), zeroInfinity);
    }
}
