package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.MSELoss(reduction=…)}: squared error between input and target, reduced by
 * {@link Reduction} ({@link Reduction#MEAN} by default). Takes two inputs, so it is called as
 * {@code loss.forward(yPred, y)}, not through {@link Module#forward(Tensor)}.
 */
public final class MSELoss extends Module {
    private final Reduction reduction;

    /** {@code MSELoss()}: mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** {@code nn.MSELoss(reduction=...)}. */
    public MSELoss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** How the per-element losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    /** {@code loss_fn(input, target)}. */
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Functional.mseLoss(input, target, reduction);
    }

    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new UnsupportedOperationException("MSELoss takes two inputs: call forward(input, target)");
    }

    @Override
    protected String extraRepr() {
        return reduction == Reduction.MEAN ? "" : "reduction=" + reduction;
    }
}
