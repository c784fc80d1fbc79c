package org.torch4j.perf;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
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

/**
 * One tensor operation, {@code x.add(y)}, {@code x.mul(2.0)}, {@code x.pow(3)} or {@code x.sum()},
 * on a float32 vector of {@code size} elements, its result freed before the next one:
 * <ul>
 *   <li>{@code facade}: torch4j, a {@link Scope} per op;</li>
 *   <li>{@code rawScope}: the presets with a {@link PointerScope} per op;</li>
 *   <li>{@code rawClose}: the presets, closing the result explicitly (no scope at all).</li>
 * </ul>
 * Both raw variants use the facade's JavaCPP settings and cached scalars; the faster of the two is
 * "raw, written the best way" in the report.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class PerOp {
    @Param({"1", "2000", "2000000"})
    public int size;

    @Param({"add", "mul", "pow", "sum"})
    public String op;

    private int opId;
    private Tensor fx;
    private Tensor fy;
    private org.bytedeco.pytorch.Tensor rx;
    private org.bytedeco.pytorch.Tensor ry;
    private Scalar two;
    private Scalar three;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        Torch.manualSeed(0);
        fx = Torch.rand(size);
        fy = Torch.rand(size);
        // Independent native references to the same data: the raw variants never touch a facade object.
        rx = new org.bytedeco.pytorch.Tensor(fx.unwrap());
        ry = new org.bytedeco.pytorch.Tensor(fy.unwrap());
        two = RawPresets.scalar(2.0);
        three = RawPresets.scalar(3L);
        opId = switch (op) {
            case "add" -> 0;
            case "mul" -> 1;
            case "pow" -> 2;
            case "sum" -> 3;
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
        // the two paths must compute the same thing
        try (Scope s = Scope.open(); PointerScope ps = new PointerScope()) {
            Tensor f = facadeOp();
            org.bytedeco.pytorch.Tensor r = rawOp();
            if (!f.unwrap().equal(r)) {
                throw new IllegalStateException("facade and raw " + op + " differ");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rx.close();
        ry.close();
        fx.close();
        fy.close();
    }

    private Tensor facadeOp() {
        switch (opId) {
            case 0: return fx.add(fy);
            case 1: return fx.mul(2.0);
            case 2: return fx.pow(3);
            default: return fx.sum();
        }
    }

    private org.bytedeco.pytorch.Tensor rawOp() {
        switch (opId) {
            case 0: return rx.add(ry);
            case 1: return rx.mul(two);
            case 2: return rx.pow(three);
            default: return rx.sum();
        }
    }

    @Benchmark
    public Tensor facade() {
        try (Scope s = Scope.open()) {
            return facadeOp();
        }
    }

    @Benchmark
    public org.bytedeco.pytorch.Tensor rawScope() {
        try (PointerScope s = new PointerScope()) {
            return rawOp();
        }
    }

    @Benchmark
    public org.bytedeco.pytorch.Tensor rawClose() {
        org.bytedeco.pytorch.Tensor r = rawOp();
        r.close();
        return r;
    }
}
