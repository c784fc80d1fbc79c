package org.torch4j.autograd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Run by {@link FunctionLeakTest} in its own JVM: long loops of custom-function applications,
 * printing live counts and RSS at checkpoints as {@code CHECK <phase> key=value ...} lines.
 * <ul>
 *   <li>{@code train}: step 4's model (P3 as a custom Function) with backward and update;</li>
 *   <li>{@code forward}: apply with grad on, outputs dropped without a backward (graph built and freed);</li>
 *   <li>{@code nograd}: apply under {@code Grad.noGrad()} (no graph).</li>
 * </ul>
 */
public final class FunctionLeakMain {
    private FunctionLeakMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Torch.setNumThreads(1);
        TestFunctions.P3 p3 = new TestFunctions.P3();
        Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000).unscoped();
        Tensor y = x.sin().unscoped();
        Tensor a = Torch.full(new long[0], 0.0).requiresGrad(true);
        Tensor b = Torch.full(new long[0], -1.0).requiresGrad(true);
        Tensor c = Torch.full(new long[0], 0.0).requiresGrad(true);
        Tensor d = Torch.full(new long[0], 0.3).requiresGrad(true);
        Tensor[] params = {a, b, c, d};

        check("start", 0);
        // warm-up so that allocator pools, JIT and class loading settle before the baseline
        train(p3, x, y, params, n / 10);
        check("train-baseline", n / 10);
        train(p3, x, y, params, n);
        check("train-end", n);

        check("forward-baseline", 0);
        for (int t = 0; t < n; t++) {
            try (Scope s = Scope.open()) {
                p3.apply(c.add(d.mul(x)));
            }
        }
        check("forward-end", n);

        for (int t = 0; t < n; t++) {
            try (Scope s = Scope.open(); var g = Grad.noGrad()) {
                p3.apply(c.add(d.mul(x)));
            }
        }
        check("nograd-end", n);
        System.out.println("backward-calls " + p3.backwardCalls.get() + " loss-is-finite "
                + Double.isFinite(a.item() + b.item() + c.item() + d.item()) + " dtype " + (a.dtype() == DType.FLOAT32));
        // x and y live to the end (else the safety net may free them mid-run and skew the counts)
        java.lang.ref.Reference.reachabilityFence(x);
        java.lang.ref.Reference.reachabilityFence(y);
    }

    private static void train(TestFunctions.P3 p3, Tensor x, Tensor y, Tensor[] p, int iterations) {
        for (int t = 0; t < iterations; t++) {
            try (Scope s = Scope.open()) {
                Tensor yPred = p[0].add(p[1].mul(p3.apply(p[2].add(p[3].mul(x)))));
                yPred.sub(y).pow(2).sum().backward();
                try (var g = Grad.noGrad()) {
                    for (Tensor w : p) {
                        w.sub_(w.grad().mul(5e-6));
                        w.setGrad(null);
                    }
                }
            }
        }
    }

    private static void check(String phase, int iterations) throws IOException, InterruptedException {
        // let the GC and JavaCPP's deallocator thread catch up, so that what remains is retained
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("CHECK " + phase + " iterations=" + iterations + " liveTensors=" + Torch.liveTensorCount()
                + " liveContexts=" + Function.liveContexts() + " javacppPointers=" + Pointer.totalCount()
                + " heapUsedKB=" + (rt.totalMemory() - rt.freeMemory()) / 1024 + " heapCommittedKB=" + rt.totalMemory() / 1024
                + " rssKB=" + rssKB());
    }

    private static long rssKB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
