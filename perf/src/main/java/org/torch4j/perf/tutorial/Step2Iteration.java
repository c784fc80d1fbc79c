package org.torch4j.perf.tutorial;

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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.perf.RawPresets;

/**
 * One iteration of step 2 (polynomial_tensor.py: hand-written forward and backward on tensors,
 * loss read with {@code item()} every iteration, as the tutorial does), 2000 points.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step2Iteration {
    static final double LEARNING_RATE = 1e-6;

    // facade
    private Tensor x;
    private Tensor y;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private Tensor d;
    // raw presets (own copies of the same starting values)
    private org.bytedeco.pytorch.Tensor rx;
    private org.bytedeco.pytorch.Tensor ry;
    private org.bytedeco.pytorch.Tensor ra;
    private org.bytedeco.pytorch.Tensor rb;
    private org.bytedeco.pytorch.Tensor rc;
    private org.bytedeco.pytorch.Tensor rd;
    private Scalar two;
    private Scalar three;
    private Scalar twoF;
    private Scalar lr;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        two = RawPresets.scalar(2L);
        three = RawPresets.scalar(3L);
        twoF = RawPresets.scalar(2.0);
        lr = RawPresets.scalar(LEARNING_RATE);
        Torch.manualSeed(0);
        x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        a = Torch.randn();
        b = Torch.randn();
        c = Torch.randn();
        d = Torch.randn();
        rx = x.unwrap().clone();
        ry = y.unwrap().clone();
        ra = a.unwrap().clone();
        rb = b.unwrap().clone();
        rc = c.unwrap().clone();
        rd = d.unwrap().clone();
        double lf = 0;
        double lr0 = 0;
        for (int i = 0; i < 5; i++) {
            lf = facade();
            lr0 = raw();
        }
        if (lf != lr0 || !a.unwrap().equal(ra) || !d.unwrap().equal(rd)) {
            throw new IllegalStateException("step 2: facade and raw diverged: loss " + lf + " vs " + lr0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (org.bytedeco.pytorch.Tensor t : new org.bytedeco.pytorch.Tensor[] {rx, ry, ra, rb, rc, rd}) {
            t.close();
        }
        for (Tensor t : new Tensor[] {x, y, a, b, c, d}) {
            t.close();
        }
    }

    @Benchmark
    public double facade() {
        try (Scope iteration = Scope.open()) {
            Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
            double loss = yPred.sub(y).pow(2).sum().item();
            Tensor gradYPred = yPred.sub(y).mul(2.0);
            Tensor gradA = gradYPred.sum();
            Tensor gradB = gradYPred.mul(x).sum();
            Tensor gradC = gradYPred.mul(x.pow(2)).sum();
            Tensor gradD = gradYPred.mul(x.pow(3)).sum();
            a.sub_(gradA.mul(LEARNING_RATE));
            b.sub_(gradB.mul(LEARNING_RATE));
            c.sub_(gradC.mul(LEARNING_RATE));
            d.sub_(gradD.mul(LEARNING_RATE));
            return loss;
        }
    }

    @Benchmark
    public double raw() {
        try (PointerScope iteration = new PointerScope()) {
            org.bytedeco.pytorch.Tensor yPred = ra.add(rb.mul(rx)).add(rc.mul(rx.pow(two))).add(rd.mul(rx.pow(three)));
            double loss = yPred.sub(ry).pow(two).sum().item_double();
            org.bytedeco.pytorch.Tensor gradYPred = yPred.sub(ry).mul(twoF);
            org.bytedeco.pytorch.Tensor gradA = gradYPred.sum();
            org.bytedeco.pytorch.Tensor gradB = gradYPred.mul(rx).sum();
            org.bytedeco.pytorch.Tensor gradC = gradYPred.mul(rx.pow(two)).sum();
            org.bytedeco.pytorch.Tensor gradD = gradYPred.mul(rx.pow(three)).sum();
            ra.sub_(gradA.mul(lr));
            rb.sub_(gradB.mul(lr));
            rc.sub_(gradC.mul(lr));
            rd.sub_(gradD.mul(lr));
            return loss;
        }
    }
}
