package org.torch4j.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Function;
import org.torch4j.autograd.FunctionContext;
import org.torch4j.autograd.UnaryFunction;
import org.torch4j.fuzz.Verdict;
import org.torch4j.jit.ScriptModule;
import org.torch4j.nn.Linear;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;

/**
 * The races, one method each, run by {@link RaceMain} in a JVM of their own: close-vs-use on every
 * handle type (Tensor, Scope, Module, Optimizer, ScriptModule), scope close while another thread uses its
 * tensors, concurrent backward (plain and through a custom Function), the Cleaner under GC
 * pressure, and concurrent closes. Each repeats its race {@code reps} times with a random delay
 * before the close, so the close lands before, during and after the other thread's calls. A race
 * passes when no exception outside the documented set escapes, the numbers that must come out
 * do, and the live-tensor count returns to where it started; a crash fails the forked JVM.
 */
final class Races {
    /** Scenario name -> default repetitions. */
    static final Map<String, Integer> ALL = new TreeMap<>(Map.ofEntries(
            Map.entry("tensorCloseVsUse", 300),
            Map.entry("argumentCloseVsUse", 300),
            Map.entry("scopeCloseVsUse", 300),
            Map.entry("moduleCloseVsForward", 200),
            Map.entry("scriptModuleCloseVsForward", 200),
            Map.entry("optimizerCloseVsStep", 200),
            Map.entry("concurrentBackward", 200),
            Map.entry("concurrentBackwardFunction", 200),
            Map.entry("cleanerUnderGcPressure", 3),
            Map.entry("concurrentClose", 2000),
            Map.entry("metadataChangeVsUse", 200_000),
            Map.entry("storageGrowthVsViewUse", 100_000),
            Map.entry("gradReadVsZeroGrad", 20_000),
            Map.entry("moduleToVsForward", 100_000)));

    /** Counts of how the other thread's calls ended, for the report line. */
    final AtomicLong ok = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final List<String> failures = new ArrayList<>();

    void run(String name, int reps) throws Exception {
        switch (name) {
            case "tensorCloseVsUse" -> tensorCloseVsUse(reps, false);
            case "argumentCloseVsUse" -> tensorCloseVsUse(reps, true);
            case "scopeCloseVsUse" -> scopeCloseVsUse(reps);
            case "moduleCloseVsForward" -> moduleCloseVsForward(reps);
            case "scriptModuleCloseVsForward" -> scriptModuleCloseVsForward(reps);
            case "optimizerCloseVsStep" -> optimizerCloseVsStep(reps);
            case "concurrentBackward" -> concurrentBackward(reps, false);
            case "concurrentBackwardFunction" -> concurrentBackward(reps, true);
            case "cleanerUnderGcPressure" -> cleanerUnderGcPressure(reps);
            case "concurrentClose" -> concurrentClose(reps);
            case "metadataChangeVsUse" -> metadataChangeVsUse(reps);
            case "storageGrowthVsViewUse" -> storageGrowthVsViewUse(reps);
            case "gradReadVsZeroGrad" -> gradReadVsZeroGrad(reps);
            case "moduleToVsForward" -> moduleToVsForward(reps);
            default -> throw new IllegalArgumentException("no race " + name);
        }
    }

    /** Runs {@code body} until it throws; a documented exception ends the loop, anything else is a failure. */
    private void untilRefused(Runnable body) {
        for (int i = 0; i < 1_000_000; i++) {
            try {
                body.run();
                ok.incrementAndGet();
            } catch (Throwable t) {
                judge(t);
                return;
            }
        }
        fail("the other side never refused: the close did not take effect");
    }

    private void judge(Throwable t) {
        String why = Verdict.check(t);
        if (why != null) {
            fail(why + ": " + t);
        } else {
            refused.incrementAndGet();
        }
    }

    synchronized void fail(String what) {
        if (failures.size() < 20) {
            failures.add(what);
        }
    }

    private static void pause() {
        long ns = ThreadLocalRandom.current().nextLong(300_000);
        long end = System.nanoTime() + ns;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static Thread start(Runnable r, CountDownLatch started) {
        Thread t = new Thread(() -> {
            started.countDown();
            r.run();
        });
        t.start();
        return t;
    }

    private void join(Thread t) throws InterruptedException {
        t.join(30_000);
        if (t.isAlive()) {
            fail("the other thread did not finish within 30 s (hang)");
        }
    }

    // ---------------------------------------------------------------- close vs use

    /** Another thread computes with {@code t} (as receiver, or as argument) while this one closes it. */
    private void tensorCloseVsUse(int reps, boolean asArgument) throws InterruptedException {
        Tensor x = Torch.randn(1 << 14).unscoped();
        for (int i = 0; i < reps; i++) {
            Tensor t = Torch.randn(1 << 14);
            CountDownLatch started = new CountDownLatch(1);
            Thread user = start(() -> untilRefused(() -> {
                try (Scope s = Scope.open()) {
                    (asArgument ? x.add(t) : t.mul(2.0)).sum().item();
                }
            }), started);
            started.await();
            pause();
            t.close();
            join(user);
        }
        x.close();
    }

    /** A Scope closes on its thread while another thread uses the scope's tensors. */
    private void scopeCloseVsUse(int reps) throws InterruptedException {
        for (int i = 0; i < reps; i++) {
            Thread user;
            try (Scope scope = Scope.open()) {
                Tensor a = Torch.randn(64, 64);
                Tensor b = a.t();
                CountDownLatch started = new CountDownLatch(1);
                user = start(() -> untilRefused(() -> {
                    try (Scope s = Scope.open()) {
                        a.matmul(b).relu().sum().item();
                    }
                }), started);
                started.await();
                pause();
            }
            join(user);
        }
    }

    /** A Linear closes while another thread runs forward (and backward) through it. */
    private void moduleCloseVsForward(int reps) throws InterruptedException {
        Tensor x = Torch.randn(32, 64).unscoped();
        for (int i = 0; i < reps; i++) {
            Linear m = new Linear(64, 64);
            CountDownLatch started = new CountDownLatch(1);
            Thread user = start(() -> untilRefused(() -> {
                try (Scope s = Scope.open()) {
                    m.forward(x).sum().backward();
                }
            }), started);
            started.await();
            pause();
            m.close();
            join(user);
        }
        x.close();
    }

    /** A TorchScript module closes while another thread runs forward, run and namedParameters on it. */
    private void scriptModuleCloseVsForward(int reps) throws InterruptedException {
        java.nio.file.Path file = org.torch4j.jit.JitModels.gate();
        Tensor x = Torch.randn(8, 4).unscoped();
        for (int i = 0; i < reps; i++) {
            ScriptModule m = ScriptModule.load(file);
            CountDownLatch started = new CountDownLatch(1);
            Thread user = start(() -> untilRefused(() -> {
                try (Scope s = Scope.open()) {
                    if (m.forward(x).numel() != 24 || ((org.torch4j.Tuple) m.run("pair", x, 2L)).get(1).equals(3L) == false
                            || m.namedParameters().size() != 2) {
                        fail("a ScriptModule call returned a wrong value");
                    }
                }
            }), started);
            started.await();
            pause();
            m.close();
            join(user);
        }
        x.close();
    }

    /** An optimizer closes while another thread steps it. */
    private void optimizerCloseVsStep(int reps) throws InterruptedException {
        Linear m = new Linear(64, 64);
        try (Scope s = Scope.open()) {
            m.forward(Torch.randn(8, 64)).sum().backward();
        }
        for (int i = 0; i < reps; i++) {
            Optimizer o = new Adam(m.parameters(), 1e-3);
            CountDownLatch started = new CountDownLatch(1);
            Thread user = start(() -> untilRefused(() -> {
                o.step();
                o.zeroGrad(false);
            }), started);
            started.await();
            pause();
            o.close();
            join(user);
        }
        m.close();
    }

    // ---------------------------------------------------------------- concurrent backward

    /** d/dx sum(x^2) = 2x, from a custom Function. */
    static final class Square extends UnaryFunction {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor x) {
            ctx.saveForBackward(x);
            return x.mul(x);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor g) {
            return g.mul(ctx.savedTensor(0)).mul(2.0);
        }
    }

    /**
     * Two threads call {@code loss.backward(true)} on one graph at once, 5 times each: PyTorch
     * allows it, and the leaf's gradient must be exactly 10 single gradients.
     */
    private void concurrentBackward(int reps, boolean function) throws InterruptedException {
        Square square = new Square();
        for (int i = 0; i < reps; i++) {
            try (Scope scope = Scope.open()) {
                Tensor x = Torch.randn(256).requiresGrad(true);
                Tensor loss = (function ? square.apply(x) : x.mul(x)).sum();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> ts = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                            for (int j = 0; j < 5; j++) {
                                loss.backward(true);
                            }
                        } catch (Throwable e) {
                            fail("backward threw " + e);
                        }
                    });
                    t.start();
                    ts.add(t);
                }
                go.countDown();
                for (Thread t : ts) {
                    join(t);
                }
                Tensor want = x.detach().mul(20.0);
                Tensor got = x.grad();
                if (got == null || !got.allclose(want, 1e-5, 1e-5)) {
                    fail("gradient after 10 concurrent backward passes is not 10 x 2x (function=" + function + ")");
                } else {
                    ok.incrementAndGet();
                }
            }
        }
        if (function) {
            for (int i = 0; i < 50 && Function.liveContexts() > 0; i++) {
                System.gc();
                Thread.sleep(20);
            }
            if (Function.liveContexts() != 0) {
                fail("Function contexts still live: " + Function.liveContexts());
            }
        }
    }

    // ---------------------------------------------------------------- the safety net

    /**
     * Accessors and ops on unscoped temporaries in a tight loop on two threads, for {@code seconds}
     * seconds: with a small heap and threshold the Cleaner runs all the time, and must never free a
     * tensor a call is using (issue 14, defect 1).
     */
    private void cleanerUnderGcPressure(int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicReference<Throwable> err = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Thread t = new Thread(() -> {
                long s = 0;
                try {
                    while (System.nanoTime() < end) {
                        for (int j = 0; j < 1000; j++) {
                            s += Torch.randn(2).dtype().itemSize();
                            s += Torch.randn(3).shape().length + Torch.randn(4).numel();
                            s += (long) Torch.ones(2).mul(2.0).sum().item();
                            s += Torch.zeros(5).toFloatArray().length;
                        }
                        ok.addAndGet(1000);
                    }
                } catch (Throwable e) {
                    err.compareAndSet(null, e);
                }
                if (s == 42) {
                    System.out.print(""); // keep s alive
                }
            });
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) {
            join(t);
        }
        if (err.get() != null) {
            fail("a temporary's call threw " + err.get());
        }
    }

    /** Two threads and a Scope close the same tensors at once: each is freed exactly once. */
    private void concurrentClose(int reps) throws InterruptedException {
        for (int i = 0; i < reps; i++) {
            Tensor[] ts = new Tensor[8];
            Thread other;
            try (Scope s = Scope.open()) {
                for (int k = 0; k < ts.length; k++) {
                    ts[k] = Torch.zeros(16);
                }
                CountDownLatch started = new CountDownLatch(1);
                other = start(() -> {
                    for (Tensor t : ts) {
                        t.close();
                    }
                }, started);
                started.await();
                for (int k = ts.length - 1; k >= 0; k--) {
                    ts[k].close();
                }
            }
            join(other);
            ok.incrementAndGet();
        }
    }

    /**
     * One thread rewrites a tensor's metadata ({@code set_}, {@code resize_}, {@code unsqueeze_},
     * {@code squeeze_}, {@code transpose_}, {@code detach_}) while another writes and reads it
     * ({@code x[...] = v}, {@code add_}, {@code sum}): before the exclusive lease, the reader wrote
     * through a null data pointer (long-fuzz seed 15559; 3 crashes in 3 runs of a standalone loop).
     */
    private void metadataChangeVsUse(int reps) throws InterruptedException {
        Tensor x = Torch.zeros(4, 4).unscoped();
        writerVsReader(reps, i -> {
            switch (i % 6) {
                case 0 -> x.set_();
                case 1 -> x.resize_(4, 4);
                case 2 -> x.unsqueeze_(0);
                case 3 -> x.squeeze_();
                case 4 -> x.transpose_(0, -1);
                default -> x.detach_();
            }
        }, () -> {
            x.indexPut_(-3.5);
            x.add_(1.0);
            x.sum().item();
        });
        x.close();
    }

    /**
     * One thread grows a tensor's storage ({@code resize_}) and gives it a fresh one ({@code set_})
     * while another makes a view of it and writes through the view: growing a storage in place frees
     * its old memory, which the view's call may be using (3 crashes in 3 runs before). A storage
     * shared with a view is not grown: that resize_ is refused with a TorchException.
     */
    private void storageGrowthVsViewUse(int reps) throws InterruptedException {
        Tensor base = Torch.zeros(1024).unscoped();
        AtomicLong grown = new AtomicLong();
        writerVsReader(reps, i -> {
            if (i % 2 == 0) {
                base.set_(Torch.zeros(1024));
                return;
            }
            try {
                base.resize_(1 << 16);
                grown.incrementAndGet();
            } catch (org.torch4j.TorchException e) {
                if (!e.getMessage().contains("other tensors share that storage")) {
                    fail("resize_ refused for another reason: " + e);
                }
                refused.incrementAndGet();
            }
        }, () -> {
            Tensor v = base.view(-1);
            v.add_(1.0);
            v.sum().item();
        });
        if (grown.get() == 0) {
            fail("resize_ never grew the storage (it must when no view shares it)");
        }
        base.close();
    }

    /**
     * A training thread runs backward and {@code zeroGrad} (gradients set to none) while a
     * monitoring thread reads the parameter's gradient: dropping the gradient while the reader
     * copies it would free it under the copy. zeroGrad holds the parameter exclusively.
     */
    private void gradReadVsZeroGrad(int reps) throws InterruptedException {
        Linear lin = new Linear(64, 64);
        Optimizer opt = new Adam(lin.parameters(), 1e-3);
        Tensor w = lin.parameters().get(0);
        Tensor x = Torch.randn(8, 64).unscoped();
        writerVsReader(reps, i -> {
            lin.forward(x).sum().backward();
            if (i % 2 == 0) {
                opt.zeroGrad();
            } else {
                opt.zeroGrad(false);
                lin.zeroGrad(i % 4 == 1);
            }
        }, () -> {
            Tensor g = w.grad();
            if (g != null && !Double.isFinite(g.sum().item())) {
                fail("a gradient read while zeroGrad ran is not finite");
            }
        });
        opt.close();
        lin.close();
        x.close();
    }

    /**
     * One thread converts a module between float32 and float64 ({@code Module.to}: set_data on
     * every parameter) while another runs its forward: set_data replaces a parameter's storage,
     * sizes and dtype, which the forward is reading. The forward may refuse a dtype that does not
     * match its input (TorchException), never crash.
     */
    private void moduleToVsForward(int reps) throws InterruptedException {
        Linear lin = new Linear(16, 16);
        Tensor x = Torch.randn(4, 16).unscoped();
        writerVsReader(reps, i -> lin.to(i % 2 == 0 ? org.torch4j.DType.FLOAT64 : org.torch4j.DType.FLOAT32),
                () -> lin.forward(x).sum().item());
        lin.close();
        x.close();
    }

    /**
     * The shape of the metadata races: a writer thread runs {@code write.accept(i)} for
     * {@code i < reps}, each in a Scope, while this thread runs {@code read} in a Scope for as long as
     * the writer lives. Every exception on either side is judged (documented ones count as refused).
     */
    private void writerVsReader(int reps, java.util.function.IntConsumer write, Runnable read) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = start(() -> {
            for (int i = 0; i < reps; i++) {
                try (Scope s = Scope.open()) {
                    write.accept(i);
                } catch (Throwable t) {
                    judge(t);
                }
            }
        }, started);
        started.await();
        while (writer.isAlive()) {
            try (Scope s = Scope.open()) {
                read.run();
                ok.incrementAndGet();
            } catch (Throwable t) {
                judge(t);
            }
        }
        join(writer);
    }
}
