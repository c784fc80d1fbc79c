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

    /**
     * Whether the step draws random numbers on its device during the run (Dropout's masks). On a
     * CUDA device those come from the CUDA generator, not the CPU generator the recordings used, so
     * the runner gives no verdict there.
     */
    default boolean drawsOnDevice() {
        return false;
    }

    /** Runs the step, printing every line to {@code out}. */
    void run(SampleArgs args, PrintStream out);
}
