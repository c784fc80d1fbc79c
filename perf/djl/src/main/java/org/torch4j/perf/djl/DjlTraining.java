package org.torch4j.perf.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
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
 * One training epoch of each workload (see {@link DjlModels}).
 * <ul>
 *   <li>{@code epoch}: the way DJL's documentation trains: a {@link Trainer}, an {@link ArrayDataset}
 *       with shuffled batches, {@link EasyTrain#trainBatch} (forward, softmax cross-entropy,
 *       backward) and {@link Trainer#step()}, each batch closed after its step;</li>
 *   <li>{@code epochTuned}: as torch4j's {@code Training} does it: a shuffled permutation, minibatches
 *       taken with one indexed {@code get} each, the same trainer calls, an {@link NDScope} per batch
 *       (the optimizer's state is made by a step in the set-up, outside any scope).</li>
 * </ul>
 * Time per epoch; the report turns it into samples per second.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class DjlTraining {
    @Param({"mlp", "cnn", "lstm", "transformer"})
    public String workload;

    /** Intra-op threads: 0 keeps LibTorch's default (one per core), else set through DJL's JniUtils (process-wide). */
    @Param({"0", "1"})
    public int threads;

    private NDManager manager;
    private Model model;
    private Trainer trainer;
    private ArrayDataset dataset;
    private DjlModels.Workload w;
    /** Samples per epoch (for the report's samples/s). */
    public long samples;

    @Setup(Level.Trial)
    public void setUp() {
        manager = Djl.newManager();
        if (threads > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        manager.getEngine().setRandomSeed(0);
        w = DjlModels.create(workload, manager);
        model = Model.newInstance(workload, "PyTorch");
        model.setBlock(w.block());
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(w.optimizer()));
        trainer.initialize(w.batchShape());
        dataset = new ArrayDataset.Builder().setData(w.x()).optLabels(w.y()).setSampling(w.batch(), true).build();
        samples = w.x().getShape().get(0);
        batch(manager.arange(0, w.batch(), 1, ai.djl.ndarray.types.DataType.INT64)); // optimizer state, outside any scope
    }

    private float batch(ai.djl.ndarray.NDArray idx) {
        ai.djl.ndarray.NDArray loss;
        try (ai.djl.training.GradientCollector gc = trainer.newGradientCollector()) {
            ai.djl.ndarray.NDList pred = trainer.forward(new ai.djl.ndarray.NDList(w.x().get(idx)));
            loss = trainer.getLoss().evaluate(new ai.djl.ndarray.NDList(w.y().get(idx)), pred);
            gc.backward(loss);
        }
        trainer.step();
        return loss.getFloat();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        model.close();
        manager.close();
    }

    @Benchmark
    public long epoch() throws Exception {
        long n = 0;
        for (Batch batch : trainer.iterateDataset(dataset)) {
            try (batch) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
                n += batch.getSize();
            }
        }
        return n;
    }

    @Benchmark
    public double epochTuned() {
        double total = 0;
        try (ai.djl.ndarray.NDScope epoch = new ai.djl.ndarray.NDScope()) {
            ai.djl.ndarray.NDArray order = manager.randomPermutation(samples);
            for (long start = 0; start < samples; start += w.batch()) {
                try (ai.djl.ndarray.NDScope step = new ai.djl.ndarray.NDScope()) {
                    long end = Math.min(samples, start + w.batch());
                    total += batch(order.get(start + ":" + end));
                }
            }
        }
        return total;
    }
}
