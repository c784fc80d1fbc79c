package org.torch4j.samples;

import java.io.PrintStream;

/** One tutorial step or sample: prints exactly the lines its Python original prints. */
public interface Sample {
    /** Step number: 1..8 the tutorial's steps, 9 and up the samples beyond the tutorial. */
    int step();

    /** Name of the upstream script this step ports, e.g. {@code polynomial_tensor.py}. */
    String upstream();

    /** Iterations the upstream script runs by default (epochs for the samples beyond the tutorial). */
    default int defaultIterations() {
        return 2000;
    }

    /** Runs the step, printing every line to {@code out}. */
    void run(SampleArgs args, PrintStream out);
}
