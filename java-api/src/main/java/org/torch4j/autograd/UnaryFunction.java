package org.torch4j.autograd;

import org.torch4j.Tensor;

/**
 * A {@link Function} of one tensor with one output, with plain signatures, so that the tutorial's
 * {@code LegendrePolynomial3} ports line for line:
 * <pre>{@code
 * final class LegendrePolynomial3 extends UnaryFunction {
 *     protected Tensor forward(FunctionContext ctx, Tensor input) {
 *         ctx.saveForBackward(input);
 *         return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
 *     }
 *     protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
 *         Tensor input = ctx.savedTensor(0);
 *         return gradOutput.mul(1.5).mul(input.pow(2).mul(5).sub(1));
 *     }
 * }
 * Tensor y = new LegendrePolynomial3().apply(x);
 * }</pre>
 * Everything {@link Function} says holds; {@code backward} may return null when the input needs no
 * gradient.
 */
public abstract class UnaryFunction extends Function {
    /** For subclasses. */
    protected UnaryFunction() {
    }

    /** Computes the output (grad mode is off); save what backward needs in {@code ctx}. */
    protected abstract Tensor forward(FunctionContext ctx, Tensor input);

    /** Computes {@code dL/dinput} from {@code dL/doutput}. */
    protected abstract Tensor backward(FunctionContext ctx, Tensor gradOutput);

    /** Applies the function to {@code input}; see {@link Function#apply(Tensor...)}. */
    public final Tensor apply(Tensor input) {
        return apply(new Tensor[] {input})[0];
    }

    @Override
    protected final Tensor[] forward(FunctionContext ctx, Tensor... inputs) {
        if (inputs.length != 1) {
            throw new IllegalArgumentException(name() + " takes one input, got " + inputs.length);
        }
        return new Tensor[] {forward(ctx, inputs[0])};
    }

    @Override
    protected final Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs) {
        return new Tensor[] {backward(ctx, gradOutputs[0])};
    }
}
