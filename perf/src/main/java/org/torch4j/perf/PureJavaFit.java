package org.torch4j.perf;

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
import org.torch4j.perf.fit.FitBackend;
import org.torch4j.perf.fit.FitCheck;

/**
 * One iteration of the steps-1/2 fit (forward, loss, four gradients, update) per backend and N.
 * The set-up first runs {@link FitCheck}: every backend must reach the same losses.
 * The Vector API needs {@code --add-modules jdk.incubator.vector} (set below for the forks) and
 * at least a second of warm-up before its code is compiled.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m", "--add-modules=jdk.incubator.vector"})
public class PureJavaFit {
    @Param({"2000", "20000", "200000", "2000000"})
    public int points;

    @Param({"doubleLoops", "floatLoops", "vectorDouble", "vectorFloat", "facade1t", "facade"})
    public String backend;

    private FitBackend impl;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        FitCheck.verify(points);
        impl = FitBackend.create(backend, points);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        impl.close();
    }

    @Benchmark
    public double iteration() {
        return impl.iterate();
    }
}
