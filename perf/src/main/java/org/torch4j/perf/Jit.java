package org.torch4j.perf;

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
 * TorchScript inference of the traced CNN ({@code cnn.pt} of
 * {@code java-api/src/test/python/make_jit_models.py}: Conv2d/BatchNorm2d/ReLU/MaxPool2d/Linear on
 * 3×16×16 inputs), one {@link ScriptModule} shared by the benchmark threads, each forward in
 * {@link Grad#inferenceMode()} inside a Scope (as a server would run it). {@code latency*}: one
 * thread, batch 1 and 64. {@code throughput*}: batch 1 from 1 and 2 threads at once; JMH's time
 * is per call per thread, so forwards/s = threads / time. Both sides use one intra-op thread. {@code perf/python/jit_bench.py} times
 * the same file with PyTorch 1.13's {@code torch.jit.load} in the same run ({@code perf/run.sh --only jit}).
 * The model path is the {@code model} parameter ({@code -p model=DIR/cnn.pt}).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Jit {
    /** Path of cnn.pt. */
    @Param({"perf/target/jit-models/cnn.pt"})
    public String model;

    private ScriptModule m;
    private Tensor x1;
    private Tensor x64;

    @Setup(Level.Trial)
    public void setUp() {
        // one intra-op thread, as a server with one request per thread runs (and as the Python peer runs):
        // with LibTorch's default of one per core, two request threads oversubscribe the cores
        Torch.setNumThreads(1);
        m = ScriptModule.load(Path.of(model));
        m.eval();
        Torch.manualSeed(0);
        x1 = Torch.randn(1, 3, 16, 16);
        x64 = Torch.randn(64, 3, 16, 16);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x1.close();
        x64.close();
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
    public double latencyBatch64() {
        return forward(x64);
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
