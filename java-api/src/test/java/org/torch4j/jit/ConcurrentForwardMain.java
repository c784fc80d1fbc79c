package org.torch4j.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * THREADS threads × N forwards of the traced CNN on one shared {@link ScriptModule}, each thread with
 * its own input, every output compared bit for bit with the single-thread output for that input.
 * Prints key=value lines: mismatches, live tensors and RSS after a warm-up and at the end.
 * Args: models directory, N (forwards per thread), THREADS.
 */
public final class ConcurrentForwardMain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        Torch.setNumThreads(1); // one intra-op thread per request thread, as a server runs
        Torch.manualSeed(7);
        try (ScriptModule m = ScriptModule.load(dir.resolve("cnn.pt"))) {
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> refs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Tensor x = Torch.randn(1, 3, 16, 16);
                inputs.add(x);
                try (Grad.Guard g = Grad.inferenceMode()) {
                    refs.add(m.forward(x)); // single-thread reference, before any concurrency
                }
            }
            AtomicLong mismatches = new AtomicLong();
            AtomicLong done = new AtomicLong();
            run(m, inputs, refs, Math.max(1, n / 10), mismatches, done); // warm-up: profiling executor, allocator pools
            System.gc();
            long liveAfterWarmup = Torch.liveTensorCount();
            long rssAfterWarmup = rssKb();
            long t0 = System.nanoTime();
            run(m, inputs, refs, n, mismatches, done);
            long ns = System.nanoTime() - t0;
            System.gc();
            System.out.println("jit forwards=" + done.get());
            System.out.println("jit mismatches=" + mismatches.get());
            System.out.println("jit liveAfterWarmup=" + liveAfterWarmup);
            System.out.println("jit liveEnd=" + Torch.liveTensorCount());
            System.out.println("jit rssAfterWarmupKb=" + rssAfterWarmup);
            System.out.println("jit rssEndKb=" + rssKb());
            System.out.println("jit usPerForward=" + ns / 1000 / ((long) n * threads));
        }
    }

    private static void run(ScriptModule m, List<Tensor> inputs, List<Tensor> refs, int n, AtomicLong mismatches, AtomicLong done)
            throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < inputs.size(); t++) {
            Tensor x = inputs.get(t);
            Tensor ref = refs.get(t);
            Thread th = new Thread(() -> {
                try (Grad.Guard g = Grad.inferenceMode()) {
                    for (int i = 0; i < n; i++) {
                        try (Scope s = Scope.open()) {
                            if (!m.forward(x).equal(ref)) {
                                mismatches.incrementAndGet();
                            }
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "forward-" + t);
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("a forward thread failed", errors.get(0));
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
