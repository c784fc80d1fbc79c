package org.torch4j.utils.data;

import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Generator;
import org.torch4j.internal.Native;

/**
 * The two random draws torch.utils.data makes, on LibTorch's kernels so the numbers are PyTorch's:
 * {@code torch.randperm(n, generator=g)} and {@code int(torch.empty((), dtype=torch.int64).random_(generator=g).item())}.
 * A null generator means the default one (what {@code Torch.manualSeed} seeds). No tensor outlives a call.
 */
final class Rng {
    private Rng() {
    }

    private static GeneratorOptional optional(Generator g) {
        return g == null ? new GeneratorOptional() : new GeneratorOptional(g.unwrap());
    }

    /** {@code torch.randperm(n, generator=g).tolist()}. */
    static long[] randperm(long n, Generator g) {
        try (GeneratorOptional opt = optional(g);
                TensorOptions longs = new TensorOptions(torch.ScalarType.Long);
                org.bytedeco.pytorch.Tensor p = torch.randperm(n, opt, longs)) {
            long[] out = new long[(int) n];
            if (n > 0) {
                p.data_ptr_long().get(out);
            }
            return out;
        } catch (RuntimeException e) {
            throw Native.fail(e, "randperm");
        }
    }

    /** {@code torch.empty((), dtype=torch.int64).random_(generator=g).item()}: one seed-sized draw. */
    static long randomInt64(Generator g) {
        try (GeneratorOptional opt = optional(g);
                TensorOptions longs = new TensorOptions(torch.ScalarType.Long);
                org.bytedeco.pytorch.Tensor t = torch.empty(new long[0], longs, null)) {
            t.random_(opt);
            return t.item_long();
        } catch (RuntimeException e) {
            throw Native.fail(e, "random_");
        }
    }

}
