package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Identity()}: returns its input (the same tensor object, as PyTorch's does). */
public final class Identity extends Module {
    /** {@code torch.nn.Identity()}. */
    public Identity() {
    }

    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return java.util.Objects.requireNonNull(input, "Identity: input is null");
    }

    @Override
    protected Module newInstance() {
        return new Identity();
    }
}
