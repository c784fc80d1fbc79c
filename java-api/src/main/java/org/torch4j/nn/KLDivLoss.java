package org.torch4j.nn;

import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.KLDivLoss(reduction='mean', log_target=False)}, called as
 * {@code loss.forward(input, target)} with {@code input} log-probabilities. PyTorch's
 * {@code reduction='batchmean'} (the sum divided by the batch size, the mathematically right
 * KL divergence) is {@link #batchmean(boolean)}.
 */
public final class KLDivLoss extends Loss {
    private final boolean logTarget;
    private final boolean batchmean;

    /** {@code KLDivLoss()}: {@code reduction='mean', log_target=False}. */
    public KLDivLoss() {
        this(Reduction.MEAN, false);
    }

    /** {@code KLDivLoss(reduction, log_target)}. */
    public KLDivLoss(Reduction reduction, boolean logTarget) {
        this(reduction, logTarget, false);
    }

    private KLDivLoss(Reduction reduction, boolean logTarget, boolean batchmean) {
        super(reduction);
        this.logTarget = logTarget;
        this.batchmean = batchmean;
    }

    /** {@code KLDivLoss(reduction='batchmean', log_target)}. */
    public static KLDivLoss batchmean(boolean logTarget) {
        return new KLDivLoss(Reduction.SUM, logTarget, true);
    }

    /** {@code F.kl_div(input, target, reduction, log_target)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        Tensor r = Ops.klDiv(input, target, reduction().code(), logTarget);
        if (batchmean && input.dim() != 0) {
            try (Scope s = Scope.open()) {
                return r.div((double) input.size(0)).keep();
            }
        }
        return r;
    }

    @Override
    protected Module newInstance() {
        return new KLDivLoss(reduction(), logTarget, batchmean);
    }
}
