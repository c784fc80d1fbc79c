package org.torch4j.perf.workloads;

import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.jit.ScriptModule;

/**
 * TorchScript inference of sample 12's traced CNN ({@code samples/parity/models/step12_cnn.pt},
 * 1×16×16 inputs, 10 classes), one {@link ScriptModule} shared by the benchmark threads, each
 * forward under {@link Grad#inferenceMode()} in a Scope. Latency at batch 1 and 8 (sample 12's
 * batch) from one thread; batch-1 throughput from 1 and 2 threads (forwards/s = threads / time).
 * One intra-op thread, as the Python ({@code workloads.py infer}) and DJL ({@code DjlScriptInference}) peers.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class ScriptCnn {
    @Param({"samples/parity/models/step12_cnn.pt"})
    public String scriptModel;

    private ScriptModule m;
    private Tensor x1;
    private Tensor x8;

    @Setup(Level.Trial)
    public void setUp() {
        Torch.setNumThreads(1);
        m = ScriptModule.load(Path.of(scriptModel));
        m.eval();
        Torch.manualSeed(0);
        x1 = Torch.randn(1, 1, 16, 16);
        x8 = Torch.randn(8, 1, 16, 16);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x1.close();
        x8.close();
        m.close();
    }

    private double forward(Tensor x) {
        try (Scope s = Scope.open(); Grad.Guard g = Grad.inferenceMode()) {
            return m.forward(x).dim();
        }
    }

    @Benchmark
    @Threads(1)
    public double latencyBatch1() {
        return forward(x1);
    }

    @Benchmark
    @Threads(1)
    public double latencyBatch8() {
        return forward(x8);
    }

    @Benchmark
    @Threads(1)
    public double throughput1Thread() {
        return forward(x1);
    }

    @Benchmark
    @Threads(2)
    public double throughput2Threads() {
        return forward(x1);
    }
}
