package org.torch4j;

import org.torch4j.bindings.LibTorch;

/**
 * {@code torch.Generator()}: a CPU random number generator of its own (LibTorch's
 * {@code CPUGeneratorImpl}, the same Mersenne twister as PyTorch's), for code that must not
 * disturb — or depend on — the default generator that {@link Torch#manualSeed} seeds, such as a
 * DataLoader's shuffling or {@code randomSplit}.
 * <pre>{@code
 * Generator g = new Generator().manualSeed(42);      // g = torch.Generator().manual_seed(42)
 * }</pre>
 * The native generator is small and freed when this object becomes unreachable. Draws from one
 * generator on several threads are serialised by LibTorch (its mutex), as in PyTorch.
 */
public final class Generator {
    static {
        LibTorch.ensureLoaded();
    }

    private final org.bytedeco.pytorch.Generator g;

    /** {@code torch.Generator()}: a new CPU generator with LibTorch's default seed. */
    public Generator() {
        g = org.bytedeco.pytorch.global.torch.createCPUGenerator();
    }

    /** {@code generator.manual_seed(seed)}; returns {@code this}, as PyTorch. */
    public Generator manualSeed(long seed) {
        synchronized (g) {
            g.set_current_seed(seed);
        }
        return this;
    }

    /** {@code generator.initial_seed()}: the seed last set. */
    public long initialSeed() {
        synchronized (g) {
            return g.current_seed();
        }
    }

    /**
     * The native generator, for library code that passes it to a LibTorch op (escape hatch, like
     * {@link Tensor#unwrap()}); it stays valid while this object is reachable.
     */
    public org.bytedeco.pytorch.Generator unwrap() {
        return g;
    }

    @Override
    public String toString() {
        return "Generator(seed=" + initialSeed() + ")";
    }
}
