package org.torch4j.perf.tutorial;

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
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Reduction;
import org.torch4j.optim.SGD;
import org.torch4j.perf.RawPresets;
import org.torch4j.samples.Step8DynamicNet.DynamicNet;
import org.torch4j.samples.random.PyRandom;

/**
 * One iteration of step 8 (dynamic_net.py: the sample's DynamicNet, 4 to 5 polynomial terms chosen
 * by CPython's {@code random} on each forward, SGD(lr 1e-8, momentum 0.9), zero_grad in place),
 * 2000 points. The exponent schedule is random, so the time is a mean over both shapes of graph.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step8Iteration {
    private Tensor x;
    private Tensor y;
    private DynamicNet model;
    private MSELoss criterion;
    private SGD optimizer;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        Torch.manualSeed(0);
        x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        model = new DynamicNet(new PyRandom(0));
        criterion = new MSELoss(Reduction.SUM);
        optimizer = new SGD(model.parameters(), new SGD.Options(1e-8).withMomentum(0.9));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        optimizer.close();
        criterion.close();
        model.close();
        x.close();
        y.close();
    }

    @Benchmark
    public Tensor facade() {
        try (Scope iteration = Scope.open()) {
            Tensor loss = criterion.forward(model.forward(x), y);
            optimizer.zeroGrad(false);
            loss.backward();
            optimizer.step();
            return loss;
        }
    }
}
