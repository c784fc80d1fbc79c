package org.torch4j.samples;

import static org.torch4j.Torch.full;
import static org.torch4j.Torch.linspace;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * Hand-run harness (not a test): one step-4 training iteration with the custom Function
 * ({@link Step4CustomFunction.LegendrePolynomial3}) against the same model written with plain
 * autograd ops. Blocks of each are interleaved so machine noise hits both alike; time is this
 * thread's CPU time (LibTorch runs one intra-op thread, on the caller's thread), which other
 * processes on a shared machine disturb far less than wall time. Prints the median microseconds
 * per iteration of each and their ratio.
 * <pre>
 * mvn -o -q -pl samples -am test-compile
 * java -cp samples/target/test-classes:samples/target/classes:java-api/target/classes:bindings/target/classes:$(cat cp.txt) \
 *     org.torch4j.samples.Step4Bench [rounds=15] [iterationsPerBlock=2000]
 * </pre>
 */
public final class Step4Bench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private Step4Bench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Torch.setNumThreads(1);
        try (Scope main = Scope.open()) {
            Tensor x = linspace(-Math.PI, Math.PI, 2000);
            Tensor y = x.sin();
            Model custom = new Model(x, y, true);
            Model plain = new Model(x, y, false);
            for (int w = 0; w < 3; w++) {            // warm-up (JIT, allocator)
                custom.run(block);
                plain.run(block);
            }
            double[] c = new double[rounds];
            double[] p = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    c[r] = custom.run(block);
                    p[r] = plain.run(block);
                } else {
                    p[r] = plain.run(block);
                    c[r] = custom.run(block);
                }
                ratio[r] = c[r] / p[r];
            }
            double cMin = Arrays.stream(c).min().orElse(0);
            double pMin = Arrays.stream(p).min().orElse(0);
            System.out.printf(Locale.ROOT, "step-4 iteration, %d blocks of %d, CPU us per iteration:%n"
                    + "  median: custom Function %.1f, plain autograd %.1f, ratio %.3f (median of per-block ratios %.3f)%n"
                    + "  best:   custom Function %.1f, plain autograd %.1f, ratio %.3f%n",
                    rounds, block, median(c), median(p), median(c) / median(p), median(ratio), cMin, pMin, cMin / pMin);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The step-4 model and its update, with P3 as the custom Function or as plain ops. */
    private static final class Model {
        final Tensor x;
        final Tensor y;
        final boolean custom;
        final Step4CustomFunction.LegendrePolynomial3 p3 = new Step4CustomFunction.LegendrePolynomial3();
        final Tensor a = full(new long[0], 0.0).requiresGrad(true).unscoped();
        final Tensor b = full(new long[0], -1.0).requiresGrad(true).unscoped();
        final Tensor c = full(new long[0], 0.0).requiresGrad(true).unscoped();
        final Tensor d = full(new long[0], 0.3).requiresGrad(true).unscoped();

        Model(Tensor x, Tensor y, boolean custom) {
            this.x = x;
            this.y = y;
            this.custom = custom;
        }

        /** Microseconds per iteration over {@code n} iterations. */
        double run(int n) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int t = 0; t < n; t++) {
                try (Scope iteration = Scope.open()) {
                    Tensor u = c.add(d.mul(x));
                    Tensor p = custom ? p3.apply(u) : u.pow(3).mul(5).sub(u.mul(3)).mul(0.5);
                    Tensor yPred = a.add(b.mul(p));
                    Tensor loss = yPred.sub(y).pow(2).sum();
                    loss.backward();
                    try (var noGrad = Grad.noGrad()) {
                        for (Tensor w : new Tensor[] {a, b, c, d}) {
                            w.sub_(w.grad().mul(5e-6));
                            w.setGrad(null);
                        }
                    }
                }
            }
            return (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / n;
        }
    }
}
