package org.torch4j.autograd;

import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.bindings.HookBridge;
import org.torch4j.internal.Native;

/**
 * A custom autograd operation with a forward and a backward written in Java: the counterpart of
 * {@code torch.autograd.Function}. Subclass it, override {@link #forward} and {@link #backward},
 * and call {@link #apply}:
 * <pre>{@code
 * final class MulAdd extends Function {            // z = x * y + c, with c a constant input
 *     protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
 *         ctx.saveForBackward(in[0], in[1]);
 *         return new Tensor[] {in[0].mul(in[1]).add(in[2])};
 *     }
 *     protected Tensor[] backward(FunctionContext ctx, Tensor... gradOut) {
 *         Tensor x = ctx.savedTensor(0), y = ctx.savedTensor(1), g = gradOut[0];
 *         return new Tensor[] {
 *             ctx.needsInputGrad(0) ? g.mul(y) : null,
 *             ctx.needsInputGrad(1) ? g.mul(x) : null,
 *             null};                                 // no gradient for the constant
 *     }
 * }
 * Tensor z = new MulAdd().apply(x, y, c)[0];
 * }</pre>
 * For the common one-input, one-output case, {@link UnaryFunction} has plain signatures.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@code forward} runs with grad mode off; its result is returned by {@code apply} with its
 *       exact value (linking it into the graph does not change a bit). Inputs may be null or not
 *       require grad; outputs that are not floating point, or that are passed to
 *       {@link FunctionContext#markNonDifferentiable}, get no gradient.</li>
 *   <li>{@code backward} receives one gradient per output ({@code dL/dy_j}); an output no gradient
 *       reached arrives as zeros of its shape (or null, see
 *       {@link FunctionContext#setMaterializeGrads}). It returns one gradient per input, in order:
 *       null for an input that needs none (see {@link FunctionContext#needsInputGrad}). A gradient
 *       must have the input's shape (a broadcast shape is summed back to it) and is converted to the
 *       input's dtype; otherwise exactly the returned values reach the inputs. If no gradient
 *       reaches any output, {@code backward} is not called and the inputs get none. One difference
 *       from PyTorch: an input that requires grad and for which {@code backward} returns null
 *       receives zeros from this function (PyTorch adds nothing, so its {@code .grad} may stay
 *       None); sums and updates are the same.</li>
 *   <li>{@code backward} runs inside {@code Tensor.backward()} on the same thread, once per backward
 *       pass that reaches the function (again after {@code backward(true)}, which retains the graph).
 *       Tensors it creates are freed when it returns, except the gradients, which LibTorch takes.
 *       An exception it throws ends that backward pass with a {@link org.torch4j.TorchException}
 *       whose cause is the exception; autograd stays usable.</li>
 *   <li>Outputs follow the usual ownership rules (the caller's scope). An output that is an input,
 *       or a view of one, is returned as a new tensor, as PyTorch does; the input is not changed.</li>
 *   <li>Backward of a backward (create_graph) through a Function is not supported.</li>
 * </ul>
 * A Function instance has no per-call state and may be shared and reused; per-call state lives in
 * the {@link FunctionContext}.
 */
public abstract class Function {
    /** For subclasses. */
    protected Function() {
    }

    /** Computes the outputs (grad mode is off); save what backward needs in {@code ctx}. */
    protected abstract Tensor[] forward(FunctionContext ctx, Tensor... inputs);

    /** Computes {@code dL/dinput_i} for every input from {@code dL/doutput_j}; null where none is needed. */
    protected abstract Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs);

    /** Name used in error messages: the class's simple name by default. */
    public String name() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? getClass().getName() : n;
    }

    /**
     * Runs {@code forward} on {@code inputs} and, when grad mode is on and an input requires grad,
     * records the application in the autograd graph so that a backward pass calls {@code backward}.
     */
    public final Tensor[] apply(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        FunctionContext ctx = new FunctionContext(this, inputs);
        Tensor[] outs;
        try {
            try (Grad.Guard noGrad = Grad.noGrad()) {
                outs = forward(ctx, inputs);
            }
            checkOutputs(outs, inputs);
        } catch (RuntimeException | Error e) {
            ctx.discard();
            throw e;
        }
        if (!ctx.anyNeedsGrad()) {
            ctx.discard();
            return outs;
        }
        int m = 0;
        int[] which = new int[outs.length];
        for (int j = 0; j < outs.length; j++) {
            if (!ctx.isNonDifferentiable(outs[j])) {
                which[m++] = j;
            }
        }
        if (m == 0) {
            ctx.discard();
            return outs;
        }
        Tensor[] linkedOuts = new Tensor[m];
        for (int k = 0; k < m; k++) {
            linkedOuts[k] = outs[which[k]];
        }
        org.bytedeco.pytorch.Tensor[] linked;
        try {
            ctx.linkedOutputs(linkedOuts);
            // leased for the length of the link: a close on another thread waits for it
            org.bytedeco.pytorch.Tensor[] outN = Native.leaseAll(linkedOuts, name() + ".apply");
            try {
                org.bytedeco.pytorch.Tensor[] inN = Native.leaseAll(inputs, name() + ".apply");
                try {
                    linked = HookBridge.link(outN, inN, ctx.needsInputGrad(), ctx.callback());
                } finally {
                    Native.releaseAll(inputs);
                }
                for (int k = 0; k < m; k++) {
                    if (linked[k] != outN[k]) {
                        outs[which[k]] = Native.adopt(linked[k]); // a new tensor, returned by value
                    }
                }
            } finally {
                Native.releaseAll(linkedOuts);
            }
        } catch (RuntimeException e) {
            ctx.discard();
            throw Native.fail(e, name() + ".apply", (Object[]) inputs);
        }
        ctx.afterLink();
        return outs;
    }

    /** Every output present and open; an input returned as an output becomes a new reference. */
    private void checkOutputs(Tensor[] outs, Tensor[] inputs) {
        if (outs == null) {
            throw new IllegalStateException(name() + ".forward returned null");
        }
        for (int j = 0; j < outs.length; j++) {
            Tensor y = outs[j];
            if (y == null) {
                throw new IllegalStateException(name() + ".forward returned null as output " + j);
            }
            if (y.isClosed()) {
                throw new IllegalStateException(name() + ".forward returned a closed tensor as output " + j);
            }
            for (Tensor x : inputs) {
                if (x == y) {
                    outs[j] = FunctionContext.alias(y, name() + ".apply");
                    break;
                }
            }
        }
    }

    /** Applications whose graph is still alive (their contexts, saved tensors and hooks are retained). */
    public static long liveContexts() {
        return HookBridge.liveGraphs();
    }
}
