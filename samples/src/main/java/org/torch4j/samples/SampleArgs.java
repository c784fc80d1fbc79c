package org.torch4j.samples;

/**
 * Options every step takes. {@code iterations <= 0} means the step's default.
 *
 * @param seed       seed of the step's generators (numpy's, LibTorch's, CPython's random)
 * @param iterations training iterations, or 0 for the upstream default
 */
public record SampleArgs(long seed, int iterations) {
    public SampleArgs {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
    }

    public static SampleArgs defaults() {
        return new SampleArgs(0, 0);
    }

    /** The iteration count to use for {@code sample}. */
    public int iterationsFor(Sample sample) {
        return iterations == 0 ? sample.defaultIterations() : iterations;
    }
}
