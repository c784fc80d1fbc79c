package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Softsign()}: {@code x / (1 + |x|)}. */
public final class Softsign extends Module {
    /** {@code torch.nn.Softsign()}. */
    public Softsign() {
    }

    /** {@code F.softsign(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Softsign: input is null");
        return Ops.softsign(input);
    }

    @Override
    protected Module newInstance() {
        return new Softsign();
    }
}
