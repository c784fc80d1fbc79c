package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Softmin(dim)}: {@code softmax(-x, dim)}. */
public final class Softmin extends Module {
    private final long dim;

    /** {@code Softmin(dim)}: PyTorch's implicit {@code dim=None} is deprecated there and not offered here. */
    public Softmin(long dim) {
        this.dim = dim;
    }

    /** {@code F.softmin(input, dim)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Softmin: input is null");
        return Ops.softmin(input, dim);
    }

    @Override
    protected Module newInstance() {
        return new Softmin(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
