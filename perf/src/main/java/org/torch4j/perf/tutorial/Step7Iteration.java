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
import org.torch4j.samples.Step7CustomModule.Polynomial3;

/**
 * One iteration of step 7 (polynomial_module.py: the sample's Polynomial3 module, MSELoss(sum),
 * SGD(lr 1e-6): zero_grad, backward, step), 2000 points.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step7Iteration {
    private Tensor x;
    private Tensor y;
    private Polynomial3 model;
    private MSELoss criterion;
    private SGD optimizer;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        Torch.manualSeed(0);
        x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        model = new Polynomial3();
        criterion = new MSELoss(Reduction.SUM);
        optimizer = new SGD(model.parameters(), 1e-6);
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
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return loss;
        }
    }
}
