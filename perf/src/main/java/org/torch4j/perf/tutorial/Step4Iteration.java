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
import org.torch4j.autograd.FunctionContext;
import org.torch4j.autograd.Grad;
import org.torch4j.autograd.UnaryFunction;
import org.torch4j.perf.RawPresets;

/**
 * One iteration of step 4 (polynomial_custom_function.py: {@code y = a + b * P3(c + d * x)} with
 * the custom autograd function LegendrePolynomial3, backward through it, update under no-grad),
 * 2000 points, as {@code org.torch4j.samples.Step4CustomFunction} runs it. Facade only: the
 * presets have no custom-function path worth comparing.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Step4Iteration {
    static final double LEARNING_RATE = 5e-6;

    /** The tutorial's LegendrePolynomial3: P3(x) = ½(5x³ − 3x), P3'(x) = 1.5(5x² − 1). */
    static final class LegendrePolynomial3 extends UnaryFunction {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            ctx.saveForBackward(input);
            return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            Tensor input = ctx.savedTensor(0);
            return gradOutput.mul(1.5).mul(input.pow(2).mul(5).sub(1));
        }
    }

    private final LegendrePolynomial3 p3 = new LegendrePolynomial3();
    private Tensor x;
    private Tensor y;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private Tensor d;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        x = Torch.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        a = Torch.full(new long[0], 0.0).requiresGrad(true);
        b = Torch.full(new long[0], -1.0).requiresGrad(true);
        c = Torch.full(new long[0], 0.0).requiresGrad(true);
        d = Torch.full(new long[0], 0.3).requiresGrad(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, y, a, b, c, d}) {
            t.close();
        }
    }

    @Benchmark
    public Tensor facade() {
        try (Scope iteration = Scope.open()) {
            Tensor yPred = a.add(b.mul(p3.apply(c.add(d.mul(x)))));
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
}
