package org.torch4j.samples;

import java.util.List;

/**
 * How closely a step's printed lines must match its recording from real PyTorch. Most steps use
 * {@link #relative(double)}: every number within one relative tolerance. A step whose numbers
 * cannot follow PyTorch's to that precision all the way (step 6: RMSprop's oscillating phase)
 * gets its own rule, made of bands, each with its own bound and justification (see
 * {@link Samples#parityRule(Sample)}).
 */
public interface ParityRule {
    /** Compares a step's printed lines with the recorded ones. */
    Parity.Verdict check(List<String> recorded, List<String> printed);

    /** One line saying what the rule demands. */
    String description();

    /** Same lines and words; every number within {@code tolerance} relative (absolute where the recorded value is 0). */
    static ParityRule relative(double tolerance) {
        return relative(tolerance, 0);
    }

    /**
     * As {@link #relative(double)}, but recorded numbers smaller than {@code floor} in magnitude are
     * compared relative to {@code floor} (rounding noise around an exact zero; see
     * {@link Samples#relativeFloor(Sample)}).
     */
    static ParityRule relative(double tolerance, double floor) {
        return new ParityRule() {
            @Override
            public Parity.Verdict check(List<String> recorded, List<String> printed) {
                return Parity.compare(recorded, printed, tolerance, floor);
            }

            @Override
            public String description() {
                return "every number within relative " + tolerance + (floor > 0 ? " (relative to at least " + floor + ")" : "");
            }
        };
    }
}
