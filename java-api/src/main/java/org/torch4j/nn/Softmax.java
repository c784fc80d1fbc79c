package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Softmax(dim)}. */
public final class Softmax extends Module {
    private final long dim;

    /** {@code Softmax(dim)}: PyTorch's implicit {@code dim=None} is deprecated there and not offered here. */
    public Softmax(long dim) {
        this.dim = dim;
    }

    /** {@code F.softmax(input, dim)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Softmax: input is null");
        return Ops.softmax(input, dim);
    }

    @Override
    protected Module newInstance() {
        return new Softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
