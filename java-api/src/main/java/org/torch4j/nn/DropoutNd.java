package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * PyTorch's {@code _DropoutNd}: what {@link Dropout} (elements) and {@link Dropout2d} (whole
 * channels) share — {@code p} checked to lie in [0, 1], {@code inplace} kept for the repr (the
 * result is always a new tensor), the forward in training mode only, the repr.
 */
public abstract class DropoutNd extends Module {
    final double p;
    final boolean inplace;
    private final boolean channels;

    DropoutNd(double p, boolean inplace, boolean channels) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Reprs.f(p));
        }
        this.p = p;
        this.inplace = inplace;
        this.channels = channels;
    }

    /** {@code p}: the probability of an element (a channel, for {@link Dropout2d}) to be zeroed. */
    public double p() {
        return p;
    }

    /** {@code F.dropout(input, p, training)}, or {@code F.feature_dropout} for whole channels. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, () -> moduleName() + ": input is null");
        return channels ? Ops.featureDropout(input, p, isTraining()) : Ops.dropout(input, p, isTraining());
    }

    @Override
    protected String extraRepr() {
        return "p=" + Reprs.f(p) + ", inplace=" + Reprs.b(inplace);
    }
}
