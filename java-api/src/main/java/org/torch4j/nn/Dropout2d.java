package org.torch4j.nn;

/**
 * {@code torch.nn.Dropout2d(p=0.5, inplace=False)}: in training mode, zeroes whole channels with
 * probability {@code p} (drawn from the default generator) and scales the rest by
 * {@code 1/(1-p)}; in eval mode, returns the input unchanged.
 */
public final class Dropout2d extends DropoutNd {
    /** {@code Dropout2d()}: p = 0.5. */
    public Dropout2d() {
        this(0.5);
    }

    /** {@code Dropout2d(p)}: {@code p} is the probability of a channel to be zeroed. */
    public Dropout2d(double p) {
        this(p, false);
    }

    /** {@code Dropout2d(p, inplace)}; {@code inplace} is recorded for the repr, the result is always a new tensor. */
    public Dropout2d(double p, boolean inplace) {
        super(p, inplace, true);
    }

    @Override
    protected Module newInstance() {
        return new Dropout2d(p, inplace);
    }
}
