package org.torch4j.autograd;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Run by {@link ConcurrentBackwardTest} in its own JVM (issue 14, defect 3): two threads call
 * {@code loss.backward(true)} on one retained graph that contains a custom Function, for each of
 * the bridge's three shapes (one input of the output's shape; several inputs; several outputs).
 * After {@code 2 * n} passes every input's gradient must be {@code 2n} times one pass's. Prints
 * {@code CONCURRENT <phase> ok maxRelErr=...} per phase, then {@code CONCURRENT done liveContexts=N}.
 */
public final class ConcurrentBackwardMain {
    private ConcurrentBackwardMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Tensor x = Torch.randn(1000).requiresGrad(true).unscoped();
        Tensor y = Torch.randn(1000).requiresGrad(true).unscoped();
        Tensor c = Torch.randn(1000).unscoped();

        phase("direct", n, new Tensor[] {x}, () -> new TestFunctions.P3().apply(x).sum());
        phase("inputs", n, new Tensor[] {x, y}, () -> new TestFunctions.MulAdd().apply(x, y, c)[0].pow(2).sum());
        phase("outputs", n, new Tensor[] {x, y}, () -> {
            Tensor[] o = new TestFunctions.SinAndMul(true).apply(x, y);
            return o[0].mul(o[1]).sum();
        });
        for (int i = 0; i < 100 && Function.liveContexts() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        System.out.println("CONCURRENT done liveContexts=" + Function.liveContexts());
    }

    interface Graph {
        Tensor build();
    }

    private static void phase(String name, int n, Tensor[] inputs, Graph graph) throws Exception {
        // one pass alone: the expected gradient of each input
        float[][] one = new float[inputs.length][];
        for (Tensor t : inputs) {
            t.setGrad(null);
        }
        try (Scope s = Scope.open()) {
            graph.build().backward();
            for (int i = 0; i < inputs.length; i++) {
                one[i] = inputs[i].grad().toFloatArray();
            }
        }
        for (Tensor t : inputs) {
            t.setGrad(null);
        }
        Tensor loss = graph.build().unscoped();
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int k = 0; k < threads.length; k++) {
            threads[k] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < n; i++) {
                        try (Scope s = Scope.open()) {
                            loss.backward(true);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            threads[k].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            failure.get().printStackTrace(System.out);
            System.out.println("CONCURRENT " + name + " FAILED " + failure.get());
            return;
        }
        double maxRel = 0;
        try (Scope s = Scope.open()) {
            for (int i = 0; i < inputs.length; i++) {
                float[] got = inputs[i].grad().toFloatArray();
                for (int j = 0; j < got.length; j++) {
                    double want = (double) one[i][j] * threads.length * n;
                    double err = Math.abs(got[j] - want) / Math.max(1e-3, Math.abs(want));
                    maxRel = Math.max(maxRel, err);
                }
            }
        }
        loss.close();
        System.out.println("CONCURRENT " + name + (maxRel < 1e-3 ? " ok" : " WRONG") + " maxRelErr=" + maxRel);
    }
}
