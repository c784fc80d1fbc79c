package org.torch4j.perf.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The guard that keeps a broken kernel from winning: every backend runs a few iterations from
 * the same start on the same N, and its loss and weights must match the float64 numpy port's
 * to within float32 rounding (relative 1e-3, which a wrong gradient misses by orders of magnitude).
 */
public final class FitCheck {
    public static final int ITERATIONS = 4;
    public static final double TOLERANCE = 1e-3;

    private FitCheck() {
    }

    /** Runs every backend at {@code n}; throws {@link IllegalStateException} naming the first that disagrees. */
    public static List<String> verify(int n) {
        double[] refLoss;
        double[] refW;
        try (FitBackend ref = FitBackend.create("doubleLoops", n)) {
            refLoss = run(ref);
            refW = ref.weights();
        }
        List<String> lines = new ArrayList<>();
        for (String name : FitBackend.ALL) {
            try (FitBackend be = FitBackend.create(name, n)) {
                double[] loss = run(be);
                double[] w = be.weights();
                for (int i = 0; i < ITERATIONS; i++) {
                    check(name, n, "loss at iteration " + i, loss[i], refLoss[i]);
                }
                for (int i = 0; i < 4; i++) {
                    // weights move by lr*grad from the same start: compare the distance travelled
                    check(name, n, "weight " + "abcd".charAt(i) + " step", w[i] - FitBackend.START[i], refW[i] - FitBackend.START[i]);
                }
                lines.add(String.format(Locale.ROOT, "%-12s N=%d loss after %d iterations %.6g (ref %.6g)", name, n,
                        ITERATIONS, loss[ITERATIONS - 1], refLoss[ITERATIONS - 1]));
            }
        }
        return lines;
    }

    private static double[] run(FitBackend be) {
        double[] losses = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            losses[i] = be.iterate();
        }
        return losses;
    }

    private static void check(String name, int n, String what, double got, double want) {
        double err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
        if (!(err <= TOLERANCE)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "backend %s at N=%d: %s is %.9g but the float64 reference gives %.9g (relative error %.3g > %.1g)",
                    name, n, what, got, want, err, TOLERANCE));
        }
    }
}
