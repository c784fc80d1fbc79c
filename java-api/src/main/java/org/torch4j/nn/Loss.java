package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Tensor;

/**
 * Base of the losses ({@code torch.nn.modules.loss._Loss}): modules called with two tensors,
 * {@code loss.forward(input, target)}, reducing by {@link Reduction} ({@link Reduction#MEAN} by
 * default). Printed without arguments, as PyTorch prints its losses ({@code CrossEntropyLoss()}).
 */
public abstract class Loss extends Module {
    private final Reduction reduction;

    /** A loss with PyTorch's {@code reduction} ({@code 'none'}, {@code 'mean'} or {@code 'sum'}). */
    protected Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** {@code self.reduction}. */
    public Reduction reduction() {
        return reduction;
    }

    /** {@code loss_fn(input, target)}. */
    @Override
    public abstract Tensor forward(Tensor input, Tensor target);

    /** A loss needs its target too: throws IllegalArgumentException saying so. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got 1: call forward(input, target)");
    }

    @Override
    String arity() {
        return "2 inputs (input, target)";
    }
}
