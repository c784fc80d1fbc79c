package org.torch4j.autograd;

import java.util.concurrent.atomic.AtomicInteger;
import org.torch4j.Tensor;

/** Custom functions shared by the autograd tests. */
final class TestFunctions {
    private TestFunctions() {
    }

    /** The tutorial's LegendrePolynomial3: 0.5 (5x^3 - 3x), backward 1.5 (5x^2 - 1). */
    static class P3 extends UnaryFunction {
        final AtomicInteger backwardCalls = new AtomicInteger();

        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            ctx.saveForBackward(input);
            return forwardAlone(input);
        }

        static Tensor forwardAlone(Tensor input) {
            return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            backwardCalls.incrementAndGet();
            Tensor input = ctx.savedTensor(0);
            return backwardAlone(gradOutput, input);
        }

        static Tensor backwardAlone(Tensor gradOutput, Tensor input) {
            return gradOutput.mul(1.5).mul(input.pow(2).mul(5).sub(1));
        }
    }

    /** z = x * y + c: two inputs that may require grad and a constant third; stashes a count in ctx. */
    static class MulAdd extends Function {
        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            ctx.put("scale", 1.0);
            return new Tensor[] {in[0].mul(in[1]).add(in[2])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... gradOut) {
            double scale = ctx.<Double>get("scale");
            Tensor x = ctx.savedTensor(0);
            Tensor y = ctx.savedTensor(1);
            Tensor g = gradOut[0].mul(scale);
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.mul(y) : null,
                ctx.needsInputGrad(1) ? g.mul(x) : null,
                null};
        }
    }

    /** C = A @ B, backward dA = G B^T, dB = A^T G. */
    static final class MatMul extends Function {
        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {in[0].matmul(in[1])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... gradOut) {
            Tensor a = ctx.savedTensor(0);
            Tensor b = ctx.savedTensor(1);
            Tensor g = gradOut[0];
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.matmul(b.t()) : null,
                ctx.needsInputGrad(1) ? a.t().matmul(g) : null};
        }
    }

    /** Two outputs: (sin x, x * y); records whether each gradient arrived materialised. */
    static final class SinAndMul extends Function {
        final boolean materialize;
        volatile boolean[] nulls;

        SinAndMul(boolean materialize) {
            this.materialize = materialize;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.setMaterializeGrads(materialize);
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {in[0].sin(), in[0].mul(in[1])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor x = ctx.savedTensor(0);
            Tensor y = ctx.savedTensor(1);
            nulls = new boolean[] {g[0] == null, g[1] == null};
            Tensor dx = null;
            Tensor dy = null;
            if (g[0] != null) {
                dx = g[0].mul(x.cos());
            }
            if (g[1] != null) {
                dx = dx == null ? g[1].mul(y) : dx.add(g[1].mul(y));
                dy = g[1].mul(x);
            }
            return new Tensor[] {dx, dy};
        }
    }

    /** exp(x), saving its output (the pattern that must not make a reference cycle). */
    static final class Exp extends UnaryFunction {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            Tensor y = input.exp();
            ctx.saveForBackward(y);
            return y;
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            return gradOutput.mul(ctx.savedTensor(0));
        }
    }

    /** Returns its input unchanged; backward passes the gradient through. */
    static final class Identity extends UnaryFunction {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            return input;
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            return gradOutput;
        }
    }

    /** Forward x * 2; backward returns a fixed tensor, whatever the incoming gradient. */
    static final class Fixed extends UnaryFunction {
        final Tensor gradient;

        Fixed(Tensor gradient) {
            this.gradient = gradient;
        }

        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            return input.mul(2);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            return gradient;
        }
    }

    /** Backward throws the exception it was given. */
    static final class Throwing extends UnaryFunction {
        final RuntimeException toThrow;

        Throwing(RuntimeException toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            return input.mul(3);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            throw toThrow;
        }
    }
}
