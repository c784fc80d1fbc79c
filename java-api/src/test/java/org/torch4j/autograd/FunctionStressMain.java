package org.torch4j.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Run by {@link FunctionStressTest} in its own JVM (a native crash must fail that test, not the
 * test run): the situations where a callback could be called after it was collected or freed.
 * Prints {@code STRESS <phase> ok} per phase and a final {@code STRESS done liveContexts=...}.
 */
public final class FunctionStressMain {
    private FunctionStressMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Torch.setNumThreads(1);

        // 1. collections inside and around backward, through chained functions
        TestFunctions.P3 gcP3 = new TestFunctions.P3() {
            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                if (backwardCalls.get() % 50 == 0) {
                    System.gc();
                }
                return super.backward(ctx, gradOutput);
            }
        };
        Tensor x = Torch.randn(64).requiresGrad(true).unscoped();
        for (int i = 0; i < n; i++) {
            try (Scope s = Scope.open()) {
                Tensor loss = gcP3.apply(gcP3.apply(x.mul(0.5))).sum();
                if (i % 100 == 0) {
                    System.gc();
                }
                loss.backward();
            }
        }
        check(x.grad() != null && Double.isFinite(x.grad().sum().item()), "gc");

        // 2. graphs dropped without a scope: the safety net frees them on its own thread, and the
        //    token's deleter releases the applications from there
        TestFunctions.P3 p3 = new TestFunctions.P3();
        for (int i = 0; i < n; i++) {
            p3.apply(x.mul(1.0)).sum();
        }
        for (int i = 0; i < 100 && Function.liveContexts() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        check(Function.liveContexts() == 0, "dropped-unscoped (live " + Function.liveContexts() + ")");

        // 3. two threads, each its own graphs, at the same time
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                try {
                    Tensor w = Torch.randn(32).requiresGrad(true).unscoped();
                    TestFunctions.P3 mine = new TestFunctions.P3();
                    for (int i = 0; i < n; i++) {
                        try (Scope s = Scope.open()) {
                            Tensor[] pair = new TestFunctions.MulAdd().apply(w, mine.apply(w), w.detach());
                            pair[0].sum().backward();
                            if (i % 500 == 0) {
                                System.gc();
                            }
                        }
                    }
                    if (mine.backwardCalls.get() != n) {
                        throw new AssertionError("backward calls " + mine.backwardCalls.get());
                    }
                    w.close();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        check(failure.get() == null, "threads " + failure.get());

        // 4. exceptions in backward, again and again; then a normal backward
        IllegalStateException boom = new IllegalStateException("boom");
        int caught = 0;
        for (int i = 0; i < n / 10; i++) {
            try (Scope s = Scope.open()) {
                new TestFunctions.Throwing(boom).apply(x.mul(1.0)).sum().backward();
            } catch (TorchException e) {
                if (e.getCause() == boom) {
                    caught++;
                }
            }
        }
        try (Scope s = Scope.open()) {
            x.setGrad(null);
            p3.apply(x).sum().backward();
        }
        check(caught == n / 10 && x.grad() != null, "exceptions (" + caught + ")");

        // 5. retained graphs back-propagated twice, then a third time after they were freed
        int refused = 0;
        for (int i = 0; i < n / 10; i++) {
            try (Scope s = Scope.open()) {
                Tensor loss = p3.apply(x.mul(1.0)).sum();
                loss.backward(true);
                System.gc();
                loss.backward();
                try {
                    loss.backward();
                } catch (TorchException e) {
                    refused++;
                }
            }
        }
        check(refused == n / 10, "retain (" + refused + ")");

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        x.close();
        System.out.println("STRESS done liveContexts=" + Function.liveContexts() + " linked=" + org.torch4j.bindings.HookBridge.linkedGraphs());
    }

    private static void check(boolean ok, String phase) {
        System.out.println("STRESS " + phase + (ok ? " ok" : " FAILED"));
        if (!ok) {
            System.exit(2);
        }
    }
}
