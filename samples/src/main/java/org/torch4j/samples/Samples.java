package org.torch4j.samples;

import java.util.List;

/** The tutorial steps available, in order, with their parity tolerances. */
public final class Samples {
    private Samples() {
    }

    /** Every ported step, in tutorial order. */
    public static List<Sample> all() {
        return List.of(new Step1NumpyWarmup(), new Step2Tensors(), new Step3Autograd(),
                new Step5Nn(), new Step6Optim(), new Step7CustomModule(), new Step8DynamicNet());
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
}
