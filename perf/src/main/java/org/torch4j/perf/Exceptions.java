package org.torch4j.perf;

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
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Cost of one failing op ({@code [3] + [4]}: a shape mismatch) caught by the caller.
 * <ul>
 *   <li>{@code facade}: torch4j as shipped (cheap stack-trace fetcher, one-line TorchException);</li>
 *   <li>{@code rawWithFetcher}: the presets in the same JVM (so with the fetcher installed);</li>
 *   <li>{@code rawDefault}: the presets with LibTorch's default fetcher, which symbolises the C++
 *       backtrace on every throw ({@code -Dtorch4j.nativeBacktrace=true} keeps torch4j from
 *       replacing it);</li>
 *   <li>{@code facadeNativeBacktrace}: the facade with that property (what debugging costs).</li>
 * </ul>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Exceptions {
    private Tensor x;
    private Tensor z;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        x = Torch.rand(3);
        z = Torch.rand(4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        z.close();
    }

    private Object facadeThrow() {
        try {
            return x.add(z);
        } catch (TorchException e) {
            return e;
        }
    }

    private Object rawThrow() {
        try {
            return x.unwrap().add(z.unwrap());
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    @Benchmark
    public Object facade() {
        return facadeThrow();
    }

    @Benchmark
    public Object rawWithFetcher() {
        return rawThrow();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xss4m", "-Dtorch4j.nativeBacktrace=true"})
    public Object rawDefault() {
        return rawThrow();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xss4m", "-Dtorch4j.nativeBacktrace=true"})
    public Object facadeNativeBacktrace() {
        return facadeThrow();
    }
}
