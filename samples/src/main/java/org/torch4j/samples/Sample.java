package org.torch4j.samples;

import java.io.PrintStream;

/**
 * One sample: a tutorial step (1..8), or one of torch4j's own samples beyond the tutorial (9 on,
 * each with a Python original in samples/parity/); prints exactly the lines its Python original
 * prints.
 */
public interface Sample {
    /** Step number: 1..8 for the tutorial, 9 on for the samples beyond it. */
    int step();

    /** Name of the upstream script this step ports, e.g. {@code polynomial_tensor.py}. */
    String upstream();

    /** Iterations (epochs, for the samples beyond the tutorial) the upstream script runs by default. */
    default int defaultIterations() {
        return 2000;
    }

    /** Runs the step, printing every line to {@code out}. */
    void run(SampleArgs args, PrintStream out);
}
