package org.torch4j.perf.tutorial;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
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
import org.torch4j.autograd.Grad;
import org.torch4j.perf.RawPresets;

/**
 * One iteration of step 3 (polynomial_autograd.py: forward, {@code loss.backward()}, update under
 * no-grad, {@code p.grad = None}), 2000 points. The loss is not read (the tutorial reads it once
 * every 100 iterations, to print it).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step3Iteration {
    static final double LEARNING_RATE = 1e-6;

    private Tensor x;
    private Tensor y;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private Tensor d;
    private org.bytedeco.pytorch.Tensor rx;
    private org.bytedeco.pytorch.Tensor ry;
    private org.bytedeco.pytorch.Tensor ra;
    private org.bytedeco.pytorch.Tensor rb;
    private org.bytedeco.pytorch.Tensor rc;
    private org.bytedeco.pytorch.Tensor rd;
    private Scalar two;
    private Scalar three;
    private Scalar lr;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        two = RawPresets.scalar(2L);
        three = RawPresets.scalar(3L);
        lr = RawPresets.scalar(LEARNING_RATE);
        Torch.manualSeed(0);
        x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        a = Torch.randn().requiresGrad(true);
        b = Torch.randn().requiresGrad(true);
        c = Torch.randn().requiresGrad(true);
        d = Torch.randn().requiresGrad(true);
        rx = x.unwrap().clone();
        ry = y.unwrap().clone();
        ra = leaf(a);
        rb = leaf(b);
        rc = leaf(c);
        rd = leaf(d);
        for (int i = 0; i < 5; i++) {
            facade();
            raw();
        }
        if (!a.unwrap().equal(ra) || !b.unwrap().equal(rb) || !c.unwrap().equal(rc) || !d.unwrap().equal(rd)) {
            throw new IllegalStateException("step 3: facade and raw diverged");
        }
    }

    /** An owned raw copy (requires_grad_ returns an alias, so it is not what we keep). */
    private static org.bytedeco.pytorch.Tensor leaf(Tensor t) {
        org.bytedeco.pytorch.Tensor detached = t.unwrap().detach();
        org.bytedeco.pytorch.Tensor copy = detached.clone();
        detached.close();
        copy.requires_grad_(true);
        return copy;
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
    public Tensor facade() {
        try (Scope iteration = Scope.open()) {
            Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
            Tensor loss = yPred.sub(y).pow(2).sum();
            loss.backward();
            try (var noGrad = Grad.noGrad()) {
                a.sub_(a.grad().mul(LEARNING_RATE));
                b.sub_(b.grad().mul(LEARNING_RATE));
                c.sub_(c.grad().mul(LEARNING_RATE));
                d.sub_(d.grad().mul(LEARNING_RATE));
                a.setGrad(null);
                b.setGrad(null);
                c.setGrad(null);
                d.setGrad(null);
            }
            return loss;
        }
    }

    @Benchmark
    public org.bytedeco.pytorch.Tensor raw() {
        try (PointerScope iteration = new PointerScope()) {
            org.bytedeco.pytorch.Tensor yPred = ra.add(rb.mul(rx)).add(rc.mul(rx.pow(two))).add(rd.mul(rx.pow(three)));
            org.bytedeco.pytorch.Tensor loss = yPred.sub(ry).pow(two).sum();
            loss.backward();
            try (NoGradGuard g = new NoGradGuard()) {
                // grad() aliases the gradient slot: used at once, never kept
                ra.sub_(ra.grad().mul(lr));
                rb.sub_(rb.grad().mul(lr));
                rc.sub_(rc.grad().mul(lr));
                rd.sub_(rd.grad().mul(lr));
                ra.mutable_grad().reset();
                rb.mutable_grad().reset();
                rc.mutable_grad().reset();
                rd.mutable_grad().reset();
            }
            return loss;
        }
    }
}
