package org.torch4j.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.SGD;

/**
 * A small CNN training loop (Conv2d, BatchNorm2d, ReLU, MaxPool2d, Dropout, Linear,
 * CrossEntropyLoss, SGD with momentum), a Scope per iteration, run in a forked JVM by
 * {@link CnnMemoryTest}. Each iteration draws a fresh seeded batch; every 10th runs in eval mode
 * under the same scope discipline. Prints {@code key=value} lines the test parses.
 */
public final class CnnLoopMain {
    private CnnLoopMain() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = Integer.parseInt(args[0]);
        Torch.setNumThreads(1); // a tiny model: one thread avoids OpenMP spinning on a shared machine
        Torch.manualSeed(0);
        Sequential model = new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Dropout(0.25),
                new Flatten(), new Linear(4 * 4 * 4, 3));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        SGD opt = new SGD(model.parameters(), new SGD.Options(0.05).withMomentum(0.9));
        long[] labels = new long[8];
        // measured after warm-up: the optimizer's momentum buffers (tensors it owns) exist from the first step
        long baseLive = -1;
        int warmup = iterations / 10;
        long rssAfterWarmup = 0;
        long peak = 0;
        double loss = Double.NaN;
        long t0 = System.nanoTime();
        for (int t = 0; t < iterations; t++) {
            if (t == warmup) {
                rssAfterWarmup = rssKb();
                baseLive = Torch.liveTensorCount();
            }
            try (Scope s = Scope.open()) {
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = (t + i) % 3;
                }
                Tensor y = Torch.tensor(labels, labels.length);
                Tensor x = Torch.randn(8, 1, 8, 8).add(y.to(org.torch4j.DType.FLOAT32).reshape(8, 1, 1, 1));
                if (t % 10 == 9) {
                    model.eval();
                    loss = lossFn.forward(model.forward(x), y).item();
                    model.train();
                } else {
                    opt.zeroGrad();
                    Tensor l = lossFn.forward(model.forward(x), y);
                    l.backward();
                    opt.step();
                }
            }
            if (t % 1000 == 999) {
                peak = Math.max(peak, rssKb());
            }
        }
        double usPerIteration = (System.nanoTime() - t0) / 1e3 / iterations;
        long rssEnd = rssKb();
        BatchNorm2d bn = model.get(1);
        System.out.println("baseLive=" + baseLive);
        System.out.println("endLive=" + Torch.liveTensorCount());
        System.out.println("rssAfterWarmupKb=" + rssAfterWarmup);
        System.out.println("rssEndKb=" + rssEnd);
        System.out.println("rssPeakKb=" + peak);
        System.out.println("usPerIteration=" + usPerIteration);
        System.out.println("batchesTracked=" + bn.numBatchesTracked().itemLong());
        System.out.println("loss=" + loss);
        opt.close();
        lossFn.close();
        model.close();
        System.out.println("closedLive=" + Torch.liveTensorCount());
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
