package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Threshold(threshold, value, inplace=False)}: {@code x} where {@code x > threshold}, else {@code value}. */
public final class Threshold extends Module {
    private final double threshold;
    private final double value;
    private final boolean inplace;

    /** {@code Threshold(threshold, value)}; both print as the floats they are ({@code value=20.0}). */
    public Threshold(double threshold, double value) {
        this(threshold, value, false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public Threshold(double threshold, double value, boolean inplace) {
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    /** {@code F.threshold(input, threshold, value)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Threshold: input is null");
        return Ops.threshold(input, threshold, value);
    }

    @Override
    protected Module newInstance() {
        return new Threshold(threshold, value, inplace);
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + Reprs.f(threshold) + ", value=" + Reprs.f(value) + (inplace ? ", inplace=True" : "");
    }
}
