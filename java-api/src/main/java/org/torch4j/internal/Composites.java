package org.torch4j.internal;

import org.bytedeco.pytorch.LongOptional;
import org.torch4j.bindings.Cached;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * LibTorch composites that torch4j computes itself when they record history, because LibTorch's
 * own implementation builds a graph that can neither back-propagate nor be freed. The generated op
 * calls these in place of {@code torch.<name>} (codegen/generate.py, {@code COMPOSITES}); without
 * history they call LibTorch unchanged, so values and errors are LibTorch's.
 */
public final class Composites {
    private static final LongOptional NO_N = Cached.make(LongOptional::new);

    private Composites() {
    }

    /** {@code torch.vander(x)}. */
    public static Tensor vander(Tensor x) {
        return vander(x, NO_N, false);
    }

    /**
     * {@code torch.vander(x, N, increasing)}. LibTorch's writes {@code x} into a slice of its result
     * and then {@code cumprod}s that slice into itself, in place: the CumprodBackward node saves the
     * slice, whose base's history then leads back to that node. The graph is a reference cycle that is
     * never freed (it keeps {@code x}'s history, and a custom Function's context in it, alive) and its
     * backward always fails ("modified by an inplace operation"); PyTorch 1.13 does both too (fuzz seed
     * 11722). Recording history, this computes the same columns out of place (ones, then the cumulative
     * product of {@code x} repeated: the same products in the same order) so that it frees and
     * back-propagates; LibTorch's own call on the detached input checks the arguments first.
     */
    public static Tensor vander(Tensor x, LongOptional nOpt, boolean increasing) {
        if (!Args.recordsGrad(x)) {
            return torch.vander(x, nOpt, increasing);
        }
        long n;
        try (Tensor d = x.detach(); Tensor checked = torch.vander(d, nOpt, increasing)) {
            n = checked.size(1);
            if (n <= 1) {
                // no column depends on x: LibTorch's result has no history either
                return new Tensor(checked);
            }
        }
        torch.ScalarType dtype = torch.promote_types(x.scalar_type(), torch.ScalarType.Long);
        try (Tensor xs = x.to(dtype); Tensor col = xs.unsqueeze(1); Tensor rep = col.expand(x.size(0), n - 1);
                Tensor powers = rep.cumprod(1); Tensor first = powers.narrow(1, 0, 1); Tensor ones = torch.ones_like(first);
                TensorVector parts = new TensorVector(ones, powers)) {
            Tensor r = torch.cat(parts, 1);
            if (increasing) {
                return r;
            }
            try (r) {
                return r.flip(1);
            }
        }
    }
}
