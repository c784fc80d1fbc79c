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
import org.torch4j.autograd.Grad;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Reduction;
import org.torch4j.nn.Sequential;
import org.torch4j.perf.RawPresets;

/**
 * One iteration of step 5 (polynomial_nn.py: Sequential(Linear(3, 1), Flatten(0, 1)),
 * MSELoss(sum), zero_grad, backward, manual update of model.parameters()), 2000 points.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step5Iteration {
    private Tensor xx;
    private Tensor y;
    private Sequential model;
    private MSELoss lossFn;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        Torch.manualSeed(0);
        Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        xx = x.unsqueeze(-1).pow(Torch.tensor(new long[] {1, 2, 3}));
        model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
        lossFn = new MSELoss(Reduction.SUM);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        lossFn.close();
        xx.close();
        y.close();
    }

    @Benchmark
    public Tensor facade() {
        try (Scope iteration = Scope.open()) {
            Tensor loss = lossFn.forward(model.forward(xx), y);
            model.zeroGrad();
            loss.backward();
            try (var noGrad = Grad.noGrad()) {
                for (Tensor param : model.parameters()) {
                    param.sub_(param.grad().mul(1e-6));
                }
            }
            return loss;
        }
    }
}
