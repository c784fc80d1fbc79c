package org.torch4j.nn;

import java.util.Objects;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.bindings.LibTorch;

/**
 * The functional forms of the modules, as {@code torch.nn.functional}: {@code import static
 * org.torch4j.nn.Functional.*} and write {@code mseLoss(yPred, y, Reduction.SUM)}. Each calls the
 * same ATen function PyTorch calls, so results round identically. Results are owned as every
 * {@link Tensor} result is (by the innermost open scope, else by the caller).
 */
public final class Functional {
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
        try {
            org.bytedeco.pytorch.Tensor r = bias == null
                    ? torch.linear(input.unwrap(), weight.unwrap())
                    : torch.linear(input.unwrap(), weight.unwrap(), bias.unwrap());
            return Module.Natives.own(r);
        } catch (RuntimeException e) {
            throw Module.Natives.error(e, "linear", input, weight, bias == null ? "bias=None" : bias);
        }
    }

    /** {@code F.mse_loss(input, target)}: mean reduction. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /** {@code F.mse_loss(input, target, reduction=…)}. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Objects.requireNonNull(input, "mseLoss: input is null");
        Objects.requireNonNull(target, "mseLoss: target is null");
        Objects.requireNonNull(reduction, "mseLoss: reduction is null");
        try {
            return Module.Natives.own(torch.mse_loss(input.unwrap(), target.unwrap(), reduction.code()));
        } catch (RuntimeException e) {
            throw Module.Natives.error(e, "mseLoss", input, target, "reduction=" + reduction);
        }
    }
}
