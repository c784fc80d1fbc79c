package org.torch4j.perf.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
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

/**
 * DJL's peer of {@code org.torch4j.perf.tutorial.Step3Iteration}: one iteration of
 * polynomial_autograd.py (2000 points; forward, backward, update without autograd, gradients reset).
 * <ul>
 *   <li>{@code idiomatic}: as DJL's documentation writes a manual loop: an {@link NDScope} per
 *       iteration, a {@link GradientCollector} with {@code zeroGradients()} (which visits every
 *       array of the engine's system manager) and {@code p.subi(p.getGradient().mul(lr))};</li>
 *   <li>{@code tuned}: the same ops, each gradient wrapper taken once and zeroed in place
 *       ({@code g.subi(g)}) instead of the system-wide scan.</li>
 * </ul>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class DjlStep3 {
    static final float LEARNING_RATE = 1e-6f;

    private Engine engine;
    NDManager manager;
    private NDArray x;
    private NDArray y;
    private NDArray[] w;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Djl.engine();
        // DJL turns LibTorch's (thread-local) grad mode off only on the thread that loaded the
        // engine; a GradientCollector restores the mode it found. The update must not be recorded,
        // so this thread gets the same state as the engine's.
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        manager = engine.newBaseManager();
        engine.setRandomSeed(0);
        x = manager.linspace((float) -Math.PI, (float) Math.PI, 2000);
        y = x.sin();
        w = new NDArray[4];
        for (int i = 0; i < 4; i++) {
            w[i] = manager.randomNormal(new Shape());
            w[i].setRequiresGradient(true);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    private NDArray loss() {
        NDArray yPred = w[0].add(w[1].mul(x)).add(w[2].mul(x.pow(2))).add(w[3].mul(x.pow(3)));
        return yPred.sub(y).pow(2).sum();
    }

    @Benchmark
    public float idiomatic() {
        try (NDScope scope = new NDScope()) {
            NDArray loss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                gc.zeroGradients();
                loss = loss();
                gc.backward(loss);
            }
            for (NDArray p : w) {
                p.subi(p.getGradient().mul(LEARNING_RATE));
            }
            return loss.getShape().dimension();
        }
    }

    @Benchmark
    public float tuned() {
        try (NDScope scope = new NDScope()) {
            NDArray loss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                loss = loss();
                gc.backward(loss);
            }
            for (NDArray p : w) {
                NDArray g = p.getGradient();
                p.subi(g.mul(LEARNING_RATE));
                g.subi(g); // zero in place: the next backward accumulates into it
            }
            return loss.getShape().dimension();
        }
    }
}
