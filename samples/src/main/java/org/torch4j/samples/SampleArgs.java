package org.torch4j.samples;

import java.util.Objects;
import org.torch4j.Device;

/**
 * Options every step takes. {@code iterations <= 0} means the step's default.
 *
 * @param seed       seed of the step's generators (numpy's, LibTorch's, CPython's random)
 * @param iterations training iterations, or 0 for the upstream default
 * @param device     where the step puts its tensors and modules (the tutorial's {@code device}); the
 *                   runner also makes it the process-wide default device
 */
public record SampleArgs(long seed, int iterations, Device device) {
    public SampleArgs {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        Objects.requireNonNull(device, "device");
    }

    /** On the CPU. */
    public SampleArgs(long seed, int iterations) {
        this(seed, iterations, Device.CPU);
    }

    public static SampleArgs defaults() {
        return new SampleArgs(0, 0);
    }

    /** The iteration count to use for {@code sample}. */
    public int iterationsFor(Sample sample) {
        return iterations == 0 ? sample.defaultIterations() : iterations;
    }
}
