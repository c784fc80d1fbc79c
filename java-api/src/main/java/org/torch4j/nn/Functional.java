package org.torch4j.nn;

import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.bindings.LibTorch;
import org.torch4j.internal.Native;
import org.torch4j.internal.Warnings;

/**
 * The functional forms of the modules, as {@code torch.nn.functional}: {@code import static
 * org.torch4j.nn.Functional.*} and write {@code mseLoss(yPred, y, Reduction.SUM)}. The ops are
 * generated ({@link FunctionalOps}, from codegen/spec/): each calls the same ATen function PyTorch's
 * Python wrapper calls ({@code F.cross_entropy} is {@code at::cross_entropy_loss}), so results round
 * identically. The few that PyTorch writes in Python (softmin, softsign, tanhshrink, normalize,
 * multilabel_soft_margin_loss, lp_pool1d/2d) are written here with the same ops in the same order.
 * {@code linear} and {@code mseLoss} are written by hand here too and hide the generated ones: a
 * null bias is allowed, and {@code mseLoss} broadcasts as {@code F.mse_loss} does (issue 14,
 * defect 4), which at::mse_loss alone does not. Results are owned as every {@link Tensor} result is
 * (by the innermost open scope, else by the caller); intermediates are freed before returning.
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

    /**
     * {@code F.softsign(input)}: {@code input / (input.abs() + 1)}.
     *
     * @param input the input
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor softsign(Tensor input) {
        try (Scope s = Scope.open()) {
            return input.div(input.abs().add(1L)).keep();
        }
    }

    /**
     * {@code F.tanhshrink(input)}: {@code input - input.tanh()}.
     *
     * @param input the input
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor tanhshrink(Tensor input) {
        try (Scope s = Scope.open()) {
            return input.sub(input.tanh()).keep();
        }
    }

    /**
     * {@code F.softmin(input, dim)}: {@code softmax(-input, dim)}.
     *
     * @param input the input
     * @param dim the dimension
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor softmin(Tensor input, long dim) {
        return softmin(input, dim, null);
    }

    /**
     * {@code F.softmin(input, dim, dtype=dtype)}: {@code (-input).softmax(dim, dtype=dtype)}; null dtype = None.
     *
     * @param input the input
     * @param dim the dimension
     * @param dtype the dtype to compute in, or null (None)
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor softmin(Tensor input, long dim, DType dtype) {
        try (Scope s = Scope.open()) {
            return input.neg().softmax(dim, dtype).keep();
        }
    }

    /**
     * {@code F.normalize(input)}: L2 over dim 1, eps 1e-12.
     *
     * @param input the input
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor normalize(Tensor input) {
        return normalize(input, 2.0, 1, 1e-12);
    }

    /**
     * {@code F.normalize(input, p, dim, eps)}: {@code input / input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)}.
     *
     * @param input the input
     * @param p the norm's exponent
     * @param dim the dimension
     * @param eps the smallest denominator
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor normalize(Tensor input, double p, long dim, double eps) {
        try (Scope s = Scope.open()) {
            Tensor denom = input.norm(p, new long[] {dim}, true).clampMin(eps).expandAs(input);
            return input.div(denom).keep();
        }
    }

    /**
     * {@code F.multilabel_soft_margin_loss(input, target)}: mean reduction, no weight.
     *
     * @param input the input
     * @param target the target (same shape as input)
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target) {
        return multilabelSoftMarginLoss(input, target, null, Reduction.MEAN);
    }

    /**
     * {@code F.multilabel_soft_margin_loss(input, target, weight, reduction=…)}: PyTorch 1.13's
     * Python definition, op for op.
     *
     * @param input the logits
     * @param target the 0/1 targets (same shape as input)
     * @param weight per-class weight, or null (None)
     * @param reduction how the per-sample losses are reduced
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        Objects.requireNonNull(reduction, "multilabelSoftMarginLoss: reduction is null");
        try (Scope s = Scope.open()) {
            // -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
            Tensor loss = target.mul(logsigmoid(input)).add(target.neg().add(1L).mul(logsigmoid(input.neg()))).neg();
            if (weight != null) {
                loss = loss.mul(weight);
            }
            long classDim = input.dim() - 1;
            loss = loss.sum(classDim).div(input.size((int) classDim));
            Tensor r = switch (reduction) {
                case NONE -> loss;
                case MEAN -> loss.mean();
                case SUM -> loss.sum();
            };
            return r.keep();
        }
    }

    /**
     * {@code F.lp_pool1d(input, norm_type, kernel_size)} (stride = kernel_size).
     *
     * @param input the input
     * @param normType the power p of the pool
     * @param kernelSize the window
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor lpPool1d(Tensor input, double normType, long kernelSize) {
        return lpPool1d(input, normType, kernelSize, null, false);
    }

    /**
     * {@code F.lp_pool1d(input, norm_type, kernel_size, stride, ceil_mode)}; null stride = kernel_size.
     *
     * @param input the input
     * @param normType the power p of the pool
     * @param kernelSize the window
     * @param stride the step, or null (= kernel size)
     * @param ceilMode ceil instead of floor for the output size
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor lpPool1d(Tensor input, double normType, long kernelSize, Long stride, boolean ceilMode) {
        try (Scope s = Scope.open()) {
            long[] st = stride == null ? new long[0] : new long[] {stride};
            Tensor out = avgPool1d(input.pow(normType), new long[] {kernelSize}, st, new long[] {0}, ceilMode);
            return out.sign().mul(relu(out.abs())).mul(kernelSize).pow(1.0 / normType).keep();
        }
    }

    /**
     * {@code F.lp_pool2d(input, norm_type, kernel_size)} (stride = kernel_size).
     *
     * @param input the input
     * @param normType the power p of the pool
     * @param kernelSize the window
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor lpPool2d(Tensor input, double normType, long... kernelSize) {
        return lpPool2d(input, normType, kernelSize, null, false);
    }

    /**
     * {@code F.lp_pool2d(input, norm_type, kernel_size, stride, ceil_mode)}; null stride = kernel_size.
     *
     * @param input the input
     * @param normType the power p of the pool
     * @param kernelSize the window
     * @param stride the step, or null (= kernel size)
     * @param ceilMode ceil instead of floor for the output size
     * @return a new tensor owned by the current Scope (else by the caller)
     */
    public static Tensor lpPool2d(Tensor input, double normType, long[] kernelSize, long[] stride, boolean ceilMode) {
        long kw = kernelSize[0];
        long kh = kernelSize.length > 1 ? kernelSize[1] : kernelSize[0];
        try (Scope s = Scope.open()) {
            Tensor out = avgPool2d(input.pow(normType), kernelSize, stride == null ? new long[0] : stride, new long[] {0}, ceilMode);
            return out.sign().mul(relu(out.abs())).mul(kw * kh).pow(1.0 / normType).keep();
        }
    }
}
