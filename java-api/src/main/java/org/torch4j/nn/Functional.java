package org.torch4j.nn;

import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.bindings.LibTorch;
import org.torch4j.internal.Native;
import org.torch4j.internal.Warnings;

/**
 * The functional forms of the modules, as {@code torch.nn.functional}: {@code import static
 * org.torch4j.nn.Functional.*} and write {@code mseLoss(yPred, y, Reduction.SUM)}. The ops are
 * generated ({@link FunctionalOps}, from codegen/spec/): each calls the same ATen function PyTorch's
 * Python wrapper calls ({@code F.cross_entropy} is {@code at::cross_entropy_loss}), so results round
 * identically. Results are owned as every {@link org.torch4j.Tensor} result is (by the innermost
 * open scope, else by the caller). {@code linear} and {@code mseLoss} are written by hand here and
 * hide the generated ones: a null bias is allowed, and {@code mseLoss} broadcasts as
 * {@code F.mse_loss} does (issue 14, defect 4), which at::mse_loss alone does not.
 */
public final class Functional extends FunctionalOps {
    static {
        LibTorch.ensureLoaded();
    }

    private Functional() {
    }

    /** {@code F.linear(input, weight)}: {@code input @ weight^T}. */
    public static Tensor linear(Tensor input, Tensor weight) {
        return linear(input, weight, null);
    }

    /** {@code F.linear(input, weight, bias)}: {@code input @ weight^T + bias}; {@code bias} may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        Objects.requireNonNull(input, "linear: input is null");
        Objects.requireNonNull(weight, "linear: weight is null");
        Tensor[] args = {input, weight, bias};
        org.bytedeco.pytorch.Tensor[] n = Native.leaseAll(args, "linear");
        try {
            return Native.adopt(bias == null ? torch.linear(n[0], n[1]) : torch.linear(n[0], n[1], n[2]));
        } catch (RuntimeException e) {
            throw Native.fail(e, "linear", input, weight, bias == null ? "bias=None" : bias);
        } finally {
            Native.releaseAll(args);
        }
    }

    /** {@code F.mse_loss(input, target)}: mean reduction. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * {@code F.mse_loss(input, target, reduction=…)}. As in PyTorch, shapes that differ are broadcast
     * against each other first ({@code torch.broadcast_tensors}), with PyTorch's warning (logged once
     * per process): the mean is then taken over the broadcast shape, and gradients are summed back
     * to each operand's shape.
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Objects.requireNonNull(input, "mseLoss: input is null");
        Objects.requireNonNull(target, "mseLoss: target is null");
        Objects.requireNonNull(reduction, "mseLoss: reduction is null");
        org.bytedeco.pytorch.Tensor i = Native.lease(input, "mseLoss");
        try {
            org.bytedeco.pytorch.Tensor t = Native.lease(target, "mseLoss");
            try {
                long[] is = i.sizes().vec().get();
                long[] ts = t.sizes().vec().get();
                if (Arrays.equals(is, ts)) {
                    return Native.adopt(torch.mse_loss(i, t, reduction.code()));
                }
                Warnings.once("mse_loss broadcast", "Using a target size (" + size(ts) + ") that is different to the input size ("
                        + size(is) + "). This will likely lead to incorrect results due to broadcasting. Please ensure they "
                        + "have the same size.");
                // at::mse_loss broadcasts its forward but not its backward (a wrong gradient): expand first, as F.mse_loss does
                try (TensorVector both = new TensorVector(i, t); TensorVector b = torch.broadcast_tensors(both)) {
                    return Native.adopt(torch.mse_loss(b.get(0), b.get(1), reduction.code()));
                }
            } finally {
                Native.release(target);
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, "mseLoss", input, target, "reduction=" + reduction);
        } finally {
            Native.release(input);
        }
    }

    /** Python's {@code torch.Size([2, 3])}. */
    private static String size(long[] shape) {
        return "torch.Size(" + Arrays.toString(shape) + ")";
    }
}
