package org.torch4j.fuzz;

import java.util.Random;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Function;
import org.torch4j.autograd.FunctionContext;

/**
 * A custom autograd Function that behaves or misbehaves as its {@link Mode} says: throws in forward
 * or backward, returns null, closed, wrongly shaped, wrongly typed or too few results, returns its
 * input, collects garbage or runs a nested backward inside backward. Whatever it does, torch4j must
 * answer with a documented exception, never a crash or a leak.
 */
final class MisbehavingFunction extends Function {
    /** Thrown on purpose by this Function's own code. */
    static final class Injected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Injected(String m) {
            super(m);
        }
    }

    /** An Error thrown on purpose by this Function's backward (user code may throw Errors too). */
    static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError(String m) {
            super(m);
        }
    }

    enum Mode {
        SQUARE, TWO_OUTPUTS, THROW_FORWARD, THROW_BACKWARD, ERROR_BACKWARD, NULL_OUTPUTS, NULL_OUTPUT, CLOSED_OUTPUT,
        RETURN_INPUT, WRONG_GRAD_SHAPE, TOO_FEW_GRADS, TOO_MANY_GRADS, NULL_GRADS, NULL_GRAD_ARRAY, INT_GRAD,
        CLOSED_GRAD, SAVE_CLOSED, INT_OUTPUT, GC_IN_BACKWARD, NESTED_BACKWARD, KEEP_SAVED, CLOSE_SAVED
    }

    private final Mode mode;

    MisbehavingFunction(Mode mode) {
        this.mode = mode;
    }

    static MisbehavingFunction random(Random r) {
        Mode[] ms = Mode.values();
        return new MisbehavingFunction(ms[r.nextInt(ms.length)]);
    }

    @Override
    public String name() {
        return "Fuzz" + mode;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor x = in.length > 0 ? in[0] : null;
        switch (mode) {
            case THROW_FORWARD:
                throw new Injected("forward throws");
            case NULL_OUTPUTS:
                return null;
            case NULL_OUTPUT:
                return new Tensor[] {null};
            case CLOSED_OUTPUT: {
                Tensor y = x.mul(2.0);
                y.close();
                return new Tensor[] {y};
            }
            case RETURN_INPUT:
                return new Tensor[] {x};
            case SAVE_CLOSED: {
                Tensor c = x.mul(1.0);
                c.close();
                ctx.saveForBackward(c);
                return new Tensor[] {x.mul(x)};
            }
            case INT_OUTPUT:
                return new Tensor[] {x.to(DType.INT64)};
            case TWO_OUTPUTS:
                ctx.saveForBackward(x);
                return new Tensor[] {x.mul(x), x.mul(3.0)};
            default:
                ctx.saveForBackward(in);
                return new Tensor[] {x.mul(x)};
        }
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        int n = ctx.numInputs();
        Tensor g0 = g[0];
        switch (mode) {
            case THROW_BACKWARD:
                throw new Injected("backward throws");
            case ERROR_BACKWARD:
                throw new InjectedError("backward throws an Error");
            case WRONG_GRAD_SHAPE:
                return fill(n, Torch.ones(7, 3));
            case TOO_FEW_GRADS:
                return new Tensor[0];
            case TOO_MANY_GRADS:
                return fill(n + 2, g0);
            case NULL_GRADS:
                return new Tensor[n];
            case NULL_GRAD_ARRAY:
                return null;
            case INT_GRAD:
                return fill(n, g0.to(DType.INT64));
            case CLOSED_GRAD: {
                Tensor c = g0.mul(1.0);
                c.close();
                return fill(n, c);
            }
            case GC_IN_BACKWARD:
                System.gc();
                break;
            case NESTED_BACKWARD: {
                Tensor a = Torch.ones(2).requiresGrad(true);
                a.mul(a).sum().backward();
                break;
            }
            case KEEP_SAVED:
                ctx.savedTensor(0).keep();
                break;
            case CLOSE_SAVED:
                ctx.savedTensor(0).close();
                break;
            default:
                break;
        }
        Tensor x = ctx.savedTensors().isEmpty() ? null : ctx.savedTensor(0);
        Tensor gx = x == null ? g0 : g0.mul(x).mul(2.0);
        return fill(n, gx);
    }

    private static Tensor[] fill(int n, Tensor t) {
        Tensor[] out = new Tensor[n];
        java.util.Arrays.fill(out, t);
        return out;
    }
}
