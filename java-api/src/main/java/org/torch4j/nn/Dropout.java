package org.torch4j.nn;

/**
 * {@code torch.nn.Dropout(p=0.5, inplace=False)}: in training mode, zeroes each element with
 * probability {@code p} (drawn from the default generator) and scales the rest by
 * {@code 1/(1-p)}; in eval mode, returns the input unchanged.
 */
public final class Dropout extends DropoutNd {
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
        super(p, inplace, false);
    }

    @Override
    protected Module newInstance() {
        return new Dropout(p, inplace);
    }
}
