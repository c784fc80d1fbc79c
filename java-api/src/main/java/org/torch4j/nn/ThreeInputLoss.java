package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A loss called with three tensors ({@link CosineEmbeddingLoss}, {@link MarginRankingLoss},
 * {@link TripletMarginLoss}): the two-input {@code forward} is rejected naming the three, and
 * {@code forward(Tensor...)} with three goes to {@link #forward(Tensor, Tensor, Tensor)}.
 */
public abstract class ThreeInputLoss extends Loss {
    private final String inputs;

    ThreeInputLoss(Reduction reduction, String inputs) {
        super(reduction);
        this.inputs = inputs;
    }

    /** {@code loss_fn(a, b, c)} with the loss's three inputs in PyTorch's order. */
    public abstract Tensor forward(Tensor a, Tensor b, Tensor c);

    /** Not enough inputs: throws IllegalArgumentException naming the three this loss takes. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got 2");
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
        return "3 inputs (" + inputs + ")";
    }
}
