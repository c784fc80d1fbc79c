package org.torch4j.perf.workloads;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.perf.RawPresets;

/**
 * One training epoch of each {@link Workloads workload}, as the samples train: a shuffled
 * permutation, minibatches taken with {@code indexSelect}, forward, CrossEntropyLoss, zero_grad,
 * backward, step, and {@code loss.item()} per batch, a Scope per batch. Time per epoch; the report
 * turns it into samples per second. {@code perf/python/workloads.py} and DJL's {@code DjlTraining}
 * time the same epochs. {@code threads}: the default intra-op threads and one (the setting that
 * wins on a busy machine, see the contention section).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Training {
    @Param({"mlp", "cnn", "lstm", "transformer"})
    public String workload;

    /** Intra-op threads: 0 keeps LibTorch's default (one per core), else {@code Torch.setNumThreads(threads)} (the fork is fresh). */
    @Param({"0", "1"})
    public int threads;

    private Workloads.Workload w;
    private CrossEntropyLoss lossFn;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        if (threads > 0) {
            Torch.setNumThreads(threads);
        }
        w = Workloads.create(workload);
        lossFn = new CrossEntropyLoss();
        w.model().train();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        w.optimizer().close();
        w.model().close();
        lossFn.close();
    }

    @Benchmark
    public double epoch() {
        double total = 0;
        long n = w.samples();
        try (Scope epoch = Scope.open()) {
            Tensor order = Torch.randperm(n);
            for (long start = 0; start < n; start += w.batch()) {
                try (Scope step = Scope.open()) {
                    Tensor idx = order.narrow(0, start, Math.min(w.batch(), n - start));
                    Tensor loss = lossFn.forward(w.model().forward(w.x().indexSelect(0, idx)), w.y().indexSelect(0, idx));
                    w.optimizer().zeroGrad();
                    loss.backward();
                    w.optimizer().step();
                    total += loss.item();
                }
            }
        }
        return total;
    }
}
