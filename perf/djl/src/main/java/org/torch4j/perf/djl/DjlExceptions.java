package org.torch4j.perf.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** DJL's peer of {@code org.torch4j.perf.Exceptions}: one failing {@code [3] + [4]} thrown and caught. */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2)
public class DjlExceptions {
    private NDManager manager;
    private NDArray x;
    private NDArray z;

    @Setup(Level.Trial)
    public void setUp() {
        manager = Djl.newManager();
        x = manager.randomUniform(0, 1, new Shape(3));
        z = manager.randomUniform(0, 1, new Shape(4));
        try {
            x.add(z);
            throw new IllegalStateException("[3] + [4] did not throw");
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public Object shapeMismatch() {
        try {
            return x.add(z);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
