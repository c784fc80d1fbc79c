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
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Reduction;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.RMSprop;
import org.torch4j.perf.RawPresets;

/**
 * One iteration of step 6 (polynomial_optim.py: the step-5 model, zero_grad, backward,
 * optimizer.step()), 2000 points: {@code facade} with the tutorial's RMSprop(lr 1e-3),
 * {@code facadeAdam} with Adam(lr 1e-3), the optimizer DJL can run (its RmsProp cannot on the
 * PyTorch engine).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step6Iteration {
    private Tensor xx;
    private Tensor y;
    private Sequential rmsModel;
    private Sequential adamModel;
    private Optimizer rmsprop;
    private Optimizer adam;
    private MSELoss lossFn;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        Torch.manualSeed(0);
        Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        xx = x.unsqueeze(-1).pow(Torch.tensor(new long[] {1, 2, 3}));
        rmsModel = new Sequential(new Linear(3, 1), new Flatten(0, 1));
        adamModel = new Sequential(new Linear(3, 1), new Flatten(0, 1));
        rmsprop = new RMSprop(rmsModel.parameters(), 1e-3);
        adam = new Adam(adamModel.parameters(), 1e-3);
        lossFn = new MSELoss(Reduction.SUM);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rmsprop.close();
        adam.close();
        rmsModel.close();
        adamModel.close();
        lossFn.close();
        xx.close();
        y.close();
    }

    private Tensor iteration(Sequential model, Optimizer optimizer) {
        try (Scope iteration = Scope.open()) {
            Tensor loss = lossFn.forward(model.forward(xx), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return loss;
        }
    }

    @Benchmark
    public Tensor facade() {
        return iteration(rmsModel, rmsprop);
    }

    @Benchmark
    public Tensor facadeAdam() {
        return iteration(adamModel, adam);
    }
}
