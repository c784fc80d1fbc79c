package org.torch4j.perf.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
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
 * DJL's peer of one step-6 iteration (polynomial_optim.py): Linear(3, 1) and a flatten on the
 * (x, x², x³) features of 2000 points, the summed squared error, backward and one optimizer step
 * through a {@link Trainer}. {@code optimizer=adam} (lr 1e-3). DJL's RmsProp is not measured: on
 * the PyTorch engine its update throws (see {@link DjlGaps}). An {@link NDScope} per iteration
 * frees the iteration's arrays (the optimizer's state is created by a step in the set-up, outside any scope).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class DjlStep6 {
    @Param({"adam"})
    public String optimizer;

    private NDManager manager;
    private Model model;
    private Trainer trainer;
    private NDArray xx;
    private NDArray y;

    /** Sum of squared errors, PyTorch's {@code MSELoss(reduction='sum')}. */
    static final class SumSquaredError extends Loss {
        SumSquaredError() {
            super("sse");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return predictions.singletonOrThrow().sub(labels.singletonOrThrow()).pow(2).sum();
        }
    }

    static Optimizer optimizer(String name) {
        return switch (name) {
            case "adam" -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            case "rmsprop" -> Optimizer.rmsprop().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            case "sgd" -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-6f)).build();
            default -> throw new IllegalArgumentException("unknown optimizer " + name);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        manager = Djl.newManager();
        manager.getEngine().setRandomSeed(0);
        NDArray x = manager.linspace((float) -Math.PI, (float) Math.PI, 2000);
        y = x.sin();
        xx = x.expandDims(-1).pow(manager.create(new float[] {1, 2, 3}));
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(1).build())
                .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().reshape(-1))));
        model = Model.newInstance("step6", "PyTorch");
        model.setBlock(block);
        trainer = model.newTrainer(new DefaultTrainingConfig(new SumSquaredError()).optOptimizer(optimizer(optimizer)));
        trainer.initialize(new Shape(2000, 3));
        iteration(); // creates the optimizer's state outside any scope
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        model.close();
        manager.close();
    }

    float iteration() {
        NDArray loss;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList pred = trainer.forward(new NDList(xx));
            loss = trainer.getLoss().evaluate(new NDList(y), pred);
            gc.backward(loss);
        }
        trainer.step();
        return loss.getShape().dimension();
    }

    @Benchmark
    public float step() {
        try (NDScope scope = new NDScope()) {
            return iteration();
        }
    }
}
