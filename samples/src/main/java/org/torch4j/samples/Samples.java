package org.torch4j.samples;

import java.util.List;
import org.torch4j.Device;

/** The tutorial steps available, in order, with their parity tolerances. */
public final class Samples {
    private Samples() {
    }

    /** Every ported step, in tutorial order. */
    public static List<Sample> all() {
        return List.of(new Step1NumpyWarmup(), new Step2Tensors(), new Step3Autograd());
    }

    /** The step with number {@code n}. */
    public static Sample step(int n) {
        return all().stream().filter(s -> s.step() == n).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + n + "; available: "
                        + all().stream().map(s -> String.valueOf(s.step())).toList()));
    }

    /**
     * Largest relative error a step may show against real PyTorch: float64 numpy arithmetic
     * reproduces to 1e-9; float32 LibTorch steps were measured bit-exact or within 2e-8 of
     * PyTorch 1.13, so 1e-6 leaves room for a different vector width without hiding a bug.
     */
    public static double tolerance(Sample s) {
        return switch (s.step()) {
            case 1 -> 1e-9;
            case 4 -> 1e-5;
            case 8 -> 1e-4;
            default -> 1e-6;
        };
    }

    /**
     * Tolerance of a step run on {@code device} against the CPU recordings. On a CUDA device the
     * LibTorch steps get {@code max(100 x CPU tolerance, 1e-4)}: cuBLAS and CUDA reductions sum float32
     * values in another order (and may fuse multiply-adds differently), which changes sums of 2000
     * terms by up to about 1e-6 relative, and gradient descent carries such differences through 2000
     * iterations; a real bug (wrong device, wrong generator, wrong update) moves the numbers by far
     * more. Step 1 does not use LibTorch and keeps its own tolerance.
     */
    public static double tolerance(Sample s, Device device) {
        double cpu = tolerance(s);
        return device.isCuda() && s.step() != 1 ? Math.max(100 * cpu, 1e-4) : cpu;
    }
}
