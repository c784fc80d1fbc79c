package org.torch4j;

import static org.torch4j.Torch.linspace;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.torch4j.autograd.Grad;

/**
 * The tutorial's step-3 training loop, run in a forked JVM by {@link MemoryTest}.
 * {@code scoped N}: a Scope per iteration. {@code unscoped N}: no scope at all (the user forgot),
 * relying on the safety net. Prints {@code key=value} lines the test parses.
 */
public final class MemoryLoopMain {
    private MemoryLoopMain() {
    }

    public static void main(String[] args) throws IOException {
        boolean scoped = args[0].equals("scoped");
        int iterations = Integer.parseInt(args[1]);
        manualSeed(0);
        Tensor x = linspace(-Math.PI, Math.PI, 2000);
        Tensor y = x.sin();
        Tensor a = randn().requiresGrad(true);
        Tensor b = randn().requiresGrad(true);
        Tensor c = randn().requiresGrad(true);
        Tensor d = randn().requiresGrad(true);
        long baseLive = Torch.liveTensorCount();
        int warmup = iterations / 10;
        long rssAfterWarmup = 0;
        long peak = 0;
        long t0 = System.nanoTime();
        for (int t = 0; t < iterations; t++) {
            if (t == warmup) {
                rssAfterWarmup = rssKb();
            }
            if (scoped) {
                try (Scope s = Scope.open()) {
                    step(x, y, a, b, c, d);
                }
            } else {
                step(x, y, a, b, c, d);
            }
            if (t % 1000 == 999) {
                peak = Math.max(peak, rssKb());
            }
        }
        double usPerIteration = (System.nanoTime() - t0) / 1e3 / iterations;
        long rssEnd = rssKb();
        if (!scoped) {
            // let the safety net finish: drop garbage and wait for the cleaner
            for (int i = 0; i < 50 && Torch.liveTensorCount() > baseLive; i++) {
                System.gc();
                sleep(20);
            }
        }
        System.out.println("baseLive=" + baseLive);
        System.out.println("endLive=" + Torch.liveTensorCount());
        // the six inputs are counted in baseLive: keep them reachable until endLive was read (else the safety net may free them first)
        for (Tensor t : new Tensor[] {x, y, a, b, c, d}) {
            java.lang.ref.Reference.reachabilityFence(t);
        }
        System.out.println("rssAfterWarmupKb=" + rssAfterWarmup);
        System.out.println("rssEndKb=" + rssEnd);
        System.out.println("rssPeakKb=" + peak);
        System.out.println("usPerIteration=" + usPerIteration);
        System.out.println("gcRequests=" + Torch.safetyNetCollections());
        System.out.println("loss=" + a.item());
    }

    private static void step(Tensor x, Tensor y, Tensor a, Tensor b, Tensor c, Tensor d) {
        Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
        Tensor loss = yPred.sub(y).pow(2).sum();
        loss.backward();
        try (var g = Grad.noGrad()) {
            a.sub_(a.grad().mul(1e-6));
            b.sub_(b.grad().mul(1e-6));
            c.sub_(c.grad().mul(1e-6));
            d.sub_(d.grad().mul(1e-6));
            a.setGrad(null);
            b.setGrad(null);
            c.setGrad(null);
            d.setGrad(null);
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
