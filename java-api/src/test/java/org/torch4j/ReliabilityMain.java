package org.torch4j;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Crash reproducers of issue 14, one per argument, run by {@link ForkedRegressionTest} in fresh
 * JVMs (a native crash must fail that test, not the test run). Each prints {@code RESULT key=value…}
 * lines the test checks; a crash shows as the child's exit code.
 */
public final class ReliabilityMain {
    private ReliabilityMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "cleaner" -> cleaner(Long.parseLong(args[1]));
            case "close-tensor" -> closeWhileUsed(false, Integer.parseInt(args[1]));
            case "close-scope" -> closeWhileUsed(true, Integer.parseInt(args[1]));
            case "interrupt" -> interruptFirstCall();
            case "interrupt-storm" -> interruptStorm();
            case "grad-warning" -> gradWarning();
            case "dead-thread-scope" -> deadThreadScope();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /**
     * Defect 1: accessors on dropped unscoped temporaries while the safety net frees them (run at
     * -Xmx64m with a small gcThresholdBytes, so the Cleaner runs all the time).
     */
    private static void cleaner(long n) {
        long s = 0;
        for (long i = 0; i < n; i++) {
            s += Torch.randn(2).dtype().itemSize();
            s += Torch.zeros(3).shape().length;
            s += Torch.ones(4).numel();
        }
        System.out.println("RESULT sum=" + s + " expected=" + n * (4 + 1 + 4) + " collections=" + Torch.safetyNetCollections());
    }

    /**
     * Defect 2: a tensor (or its Scope) closed on another thread while this one runs
     * {@code t.mul(2.0).sum()} on it: every call completes or throws IllegalStateException.
     */
    private static void closeWhileUsed(boolean viaScope, int rounds) throws Exception {
        long completed = 0;
        long refused = 0;
        for (int r = 0; r < rounds; r++) {
            long delay = 200 + (r * 37L) % 2000;
            AtomicReference<Tensor> shared = new AtomicReference<>();
            AtomicReference<Scope> owner = new AtomicReference<>();
            AtomicBoolean go = new AtomicBoolean();
            Thread closer;
            if (viaScope) {
                // the scope belongs to the closer's thread: it opens it, makes t, lets the user loop start, closes it
                closer = new Thread(() -> {
                    Scope s = Scope.open();
                    owner.set(s);
                    shared.set(Torch.randn(1 << 21));
                    while (!go.get()) {
                        Thread.onSpinWait();
                    }
                    sleepMicros(delay);
                    s.close();
                });
                closer.start();
                while (shared.get() == null) {
                    Thread.onSpinWait();
                }
            } else {
                Tensor t = Torch.randn(1 << 21);
                shared.set(t);
                closer = new Thread(() -> {
                    while (!go.get()) {
                        Thread.onSpinWait();
                    }
                    sleepMicros(delay);
                    t.close();
                });
                closer.start();
            }
            Tensor t = shared.get();
            go.set(true);
            for (int i = 0; i < 1000; i++) {
                try (Scope s = Scope.open()) {
                    t.mul(2.0).sum();
                    completed++;
                } catch (IllegalStateException expected) {
                    refused++;
                    break;
                }
            }
            closer.join();
        }
        System.out.println("RESULT completed=" + completed + " refused=" + refused + " live=" + Torch.liveTensorCount());
    }

    private static void sleepMicros(long us) {
        long end = System.nanoTime() + us * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Defect 5: the very first torch4j call made with the interrupt flag set. */
    private static void interruptFirstCall() {
        Thread.currentThread().interrupt();
        int ok = 0;
        try {
            ok += Torch.randn(2).numel() == 2 ? 1 : 0;
        } catch (Throwable e) {
            System.out.println("first call failed: " + e);
        }
        boolean flagKept = Thread.interrupted();
        try {
            ok += Torch.ones(3).sum().item() == 3.0 ? 1 : 0;
        } catch (Throwable e) {
            System.out.println("second call failed: " + e);
        }
        System.out.println("RESULT ok=" + ok + " flagKept=" + (flagKept ? 1 : 0));
    }

    /** Defect 5: interrupts arriving all through the first call (another thread interrupts every 50 µs). */
    private static void interruptStorm() throws Exception {
        Thread main = Thread.currentThread();
        AtomicBoolean stop = new AtomicBoolean();
        Thread storm = new Thread(() -> {
            while (!stop.get()) {
                main.interrupt();
                sleepMicros(50);
            }
        });
        storm.setDaemon(true);
        storm.start();
        int ok = 0;
        try {
            ok += Torch.randn(2).numel() == 2 ? 1 : 0;
        } catch (Throwable e) {
            System.out.println("first call failed: " + e);
        }
        stop.set(true);
        while (storm.isAlive()) {
            try {
                storm.join();
            } catch (InterruptedException late) {
                // the storm's last interrupts
            }
        }
        Thread.interrupted();
        try {
            ok += Torch.ones(3).sum().item() == 3.0 ? 1 : 0;
        } catch (Throwable e) {
            System.out.println("second call failed: " + e);
        }
        System.out.println("RESULT ok=" + ok);
    }

    /** Defect 11d: reading grad() of a non-leaf tensor twice warns once (PyTorch's warning filter). */
    private static void gradWarning() {
        Tensor y = Torch.randn(3).requiresGrad(true).mul(2.0);
        for (int i = 0; i < 5; i++) {
            y.grad();
        }
        System.out.println("RESULT calls=5");
    }

    /** Defect 11a: a thread dies with a Scope open; its tensors are freed once the thread is gone. */
    private static void deadThreadScope() throws Exception {
        long before = Torch.liveTensorCount();
        Thread t = new Thread(() -> {
            Scope.open(); // never closed
            for (int i = 0; i < 100; i++) {
                Torch.randn(1 << 16);
            }
        });
        t.start();
        t.join();
        long afterDeath = Torch.liveTensorCount() - before;
        long left = afterDeath;
        for (int i = 0; i < 200 && left > 0; i++) {
            System.gc();
            Thread.sleep(10);
            left = Torch.liveTensorCount() - before;
        }
        System.out.println("RESULT leftAtDeath=" + afterDeath + " leftAfterGc=" + left);
    }
}
