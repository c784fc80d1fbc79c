package org.torch4j.perf.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
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

/**
 * DJL's peer of {@code org.torch4j.perf.PerOp}: {@code x.add(y)}, {@code x.mul(2.0)},
 * {@code x.pow(3)}, {@code x.sum()} on a float32 vector of {@code size} elements, the result freed
 * before the next op: {@code scope} with an {@link NDScope} per op (DJL's scoped idiom),
 * {@code close} closing the result explicitly.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2)
public class DjlPerOp {
    @Param({"1", "2000"})
    public int size;

    @Param({"add", "mul", "pow", "sum"})
    public String op;

    private int opId;
    private NDManager manager;
    private NDArray x;
    private NDArray y;

    @Setup(Level.Trial)
    public void setUp() {
        manager = Djl.newManager();
        manager.getEngine().setRandomSeed(0);
        x = manager.randomUniform(0, 1, new Shape(size));
        y = manager.randomUniform(0, 1, new Shape(size));
        opId = switch (op) {
            case "add" -> 0;
            case "mul" -> 1;
            case "pow" -> 2;
            case "sum" -> 3;
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    private NDArray apply() {
        switch (opId) {
            case 0: return x.add(y);
            case 1: return x.mul(2.0f);
            case 2: return x.pow(3);
            default: return x.sum();
        }
    }

    @Benchmark
    public NDArray scope() {
        try (NDScope s = new NDScope()) {
            return apply();
        }
    }

    @Benchmark
    public NDArray close() {
        NDArray r = apply();
        r.close();
        return r;
    }
}
