package org.torch4j.perf.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
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

/**
 * DJL's peer of {@code org.torch4j.perf.workloads.ScriptCnn}: the traced CNN of sample 12
 * ({@code samples/parity/models/step12_cnn.pt}, 1×16×16 inputs, 10 classes) loaded with
 * {@code Model.load} on the PyTorch engine, its block's forward in inference (training=false) in an
 * {@link NDScope}. Latency at batch 1 and 8 from one thread; batch-1 throughput from 1 and 2
 * threads sharing the model (forwards/s = threads / time). One intra-op thread
 * ({@code -Dai.djl.pytorch.num_threads=1}), as the torch4j and Python peers.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class DjlScriptInference {
    @Param({"samples/parity/models/step12_cnn.pt"})
    public String scriptModel;

    private NDManager manager;
    private Model m;
    private Block block;
    private NDArray x1;
    private NDArray x8;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        manager = Djl.newManager();
        manager.getEngine().setRandomSeed(0);
        Path file = Path.of(scriptModel).toAbsolutePath();
        String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
        m = Model.newInstance(name, "PyTorch");
        m.load(file.getParent(), name);
        block = m.getBlock();
        x1 = manager.randomNormal(new Shape(1, 1, 16, 16));
        x8 = manager.randomNormal(new Shape(8, 1, 16, 16));
        long[] out = forward(x8);
        if (out.length != 2 || out[0] != 8 || out[1] != 10) {
            throw new IllegalStateException("unexpected output shape " + java.util.Arrays.toString(out));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        m.close();
        manager.close();
    }

    private long[] forward(NDArray x) {
        try (NDScope s = new NDScope()) {
            NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
            return out.head().getShape().getShape();
        }
    }

    @Benchmark
    @Threads(1)
    public long[] latencyBatch1() {
        return forward(x1);
    }

    @Benchmark
    @Threads(1)
    public long[] latencyBatch8() {
        return forward(x8);
    }

    @Benchmark
    @Threads(1)
    public long[] throughput1Thread() {
        return forward(x1);
    }

    @Benchmark
    @Threads(2)
    public long[] throughput2Threads() {
        return forward(x1);
    }
}
