package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Tanhshrink()}: {@code x - tanh(x)}. */
public final class Tanhshrink extends Module {
    /** {@code torch.nn.Tanhshrink()}. */
    public Tanhshrink() {
    }

    /** {@code F.tanhshrink(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Tanhshrink: input is null");
        return Ops.tanhshrink(input);
    }

    @Override
    protected Module newInstance() {
        return new Tanhshrink();
    }
}
