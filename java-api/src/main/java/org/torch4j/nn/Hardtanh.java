package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)}. */
public final class Hardtanh extends Module {
    private final double minVal;
    private final double maxVal;
    private final boolean inplace;

    /** {@code Hardtanh()}: {@code min_val=-1.0, max_val=1.0}. */
    public Hardtanh() {
        this(-1.0, 1.0);
    }

    /** {@code Hardtanh(min_val, max_val)}. */
    public Hardtanh(double minVal, double maxVal) {
        this(minVal, maxVal, false);
    }

    /** {@code inplace} is recorded for the repr; the result is always a new tensor. */
    public Hardtanh(double minVal, double maxVal, boolean inplace) {
        if (!(maxVal > minVal)) {
            throw new IllegalArgumentException("Hardtanh: max_val (" + maxVal + ") must be greater than min_val (" + minVal + ")");
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    /** {@code F.hardtanh(input, min_val, max_val)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Hardtanh: input is null");
        return Ops.hardtanh(input, minVal, maxVal);
    }

    @Override
    protected Module newInstance() {
        return new Hardtanh(minVal, maxVal, inplace);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + Reprs.f(minVal) + ", max_val=" + Reprs.f(maxVal) + (inplace ? ", inplace=True" : "");
    }
}
