package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.Dropout(p=0.5, inplace=False)}: in training mode, zeroes each element with
 * probability {@code p} (drawn from the default generator) and scales the rest by
 * {@code 1/(1-p)}; in eval mode, returns the input unchanged.
 */
public final class Dropout extends Module {
    private final double p;
    private final boolean inplace;

    /** {@code Dropout()}: p = 0.5. */
    public Dropout() {
        this(0.5);
    }

    /** {@code Dropout(p)}: {@code p} is the probability of an element to be zeroed. */
    public Dropout(double p) {
        this(p, false);
    }

    /** {@code Dropout(p, inplace)}; {@code inplace} is recorded for the repr, the result is always a new tensor. */
    public Dropout(double p, boolean inplace) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Reprs.f(p));
        }
        this.p = p;
        this.inplace = inplace;
    }

    /** {@code p}: the probability of an element to be zeroed. */
    public double p() {
        return p;
    }

    /** {@code F.dropout(input, p, training)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Dropout: input is null");
        return Ops.dropout(input, p, isTraining());
    }

    @Override
    protected Module newInstance() {
        return new Dropout(p, inplace);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Reprs.f(p) + ", inplace=" + Reprs.b(inplace);
    }
}
