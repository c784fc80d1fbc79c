package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.LeakyReLU(negative_slope=0.01, inplace=False)}. */
public final class LeakyReLU extends Module {
    private final double negativeSlope;
    private final boolean inplace;

    /** {@code LeakyReLU()}: {@code negative_slope=0.01}. */
    public LeakyReLU() {
        this(0.01);
    }

    /** {@code LeakyReLU(negative_slope)}. */
    public LeakyReLU(double negativeSlope) {
        this(negativeSlope, false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public LeakyReLU(double negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
        this.inplace = inplace;
    }

    /** {@code F.leaky_relu(input, negative_slope)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "LeakyReLU: input is null");
        return Ops.leakyRelu(input, negativeSlope);
    }

    @Override
    protected Module newInstance() {
        return new LeakyReLU(negativeSlope, inplace);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Reprs.f(negativeSlope) + (inplace ? ", inplace=True" : "");
    }
}
