package org.torch4j.nn;

import org.torch4j.bindings.LibTorch;

/**
 * The functional forms of the modules, as {@code torch.nn.functional}: {@code import static
 * org.torch4j.nn.Functional.*} and write {@code mseLoss(yPred, y, Reduction.SUM)}. The ops are
 * generated ({@link FunctionalOps}, from codegen/spec/): each calls the same ATen function PyTorch's
 * Python wrapper calls ({@code F.cross_entropy} is {@code at::cross_entropy_loss}), so results round
 * identically. Results are owned as every {@link org.torch4j.Tensor} result is (by the innermost
 * open scope, else by the caller).
 */
public final class Functional extends FunctionalOps {
    static {
        LibTorch.ensureLoaded();
    }

    private Functional() {
    }
}
