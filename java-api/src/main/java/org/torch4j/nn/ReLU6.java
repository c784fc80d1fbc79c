package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.ReLU6(inplace=False)}: {@code min(max(0, x), 6)}. */
public final class ReLU6 extends Module {
    private final boolean inplace;

    /** {@code ReLU6()}: {@code inplace=False}. */
    public ReLU6() {
        this(false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public ReLU6(boolean inplace) {
        this.inplace = inplace;
    }

    /** {@code F.relu6(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "ReLU6: input is null");
        return Ops.relu6(input);
    }

    @Override
    protected Module newInstance() {
        return new ReLU6(inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
