package org.torch4j.samples;

import java.util.List;

/** The tutorial steps available, in order, with their parity tolerances. */
public final class Samples {
    private Samples() {
    }

    /** Every ported step, in tutorial order. */
    public static List<Sample> all() {
        return List.of(new Step1NumpyWarmup(), new Step2Tensors(), new Step3Autograd(), new Step4CustomFunction());
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
     * Magnitude below which a recorded number counts as rounding noise around an exact zero and is
     * compared relative to this floor instead of to itself (0: every number relative to itself).
     * Step 4's {@code a} and {@code c} are exactly 0 in exact arithmetic (sin is odd and the grid is
     * symmetric, so their gradients cancel); what the run prints (about 1e-9) is the residue of
     * float32 rounding, and LibTorch 2.10 rounds differently from the recording's PyTorch 1.13
     * (already {@code linspace(-pi, pi, 2000)} differs in 476 of its 2000 elements by one ulp). With a
     * floor of 1e-2 they must agree to 1e-7 absolutely; a wrong gradient for them moves them by about
     * 5e-6 per iteration.
     */
    public static double relativeFloor(Sample s) {
        return s.step() == 4 ? 1e-2 : 0;
    }
}
