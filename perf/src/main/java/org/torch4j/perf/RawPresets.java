package org.torch4j.perf;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.bindings.LibTorch;
import org.torch4j.bindings.Scalars;

/**
 * What the raw-presets baselines share: LibTorch loaded through {@link LibTorch#ensureLoaded()}
 * (so JavaCPP runs with the facade's settings, {@code maxPhysicalBytes=0} and the cheap
 * stack-trace fetcher) and the facade's cached {@link Scalar}s. The baselines themselves call
 * {@code org.bytedeco.pytorch} directly and free what they create with a {@code PointerScope}
 * or an explicit {@code close()}: the raw presets "written the best way".
 */
public final class RawPresets {
    private RawPresets() {
    }

    public static void load() {
        LibTorch.ensureLoaded();
    }

    /** A cached, never-closed scalar, as the facade uses. */
    public static Scalar scalar(double v) {
        return Scalars.of(v);
    }

    /** A cached, never-closed integer scalar ({@code x ** 3}). */
    public static Scalar scalar(long v) {
        return Scalars.of(v);
    }

    public static void seed(long seed) {
        torch.manual_seed(seed);
    }
}
