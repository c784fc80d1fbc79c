package org.torch4j.utils.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Generator;
import org.torch4j.internal.Native;

/**
 * {@code RandomSampler(data_source, replacement=False, num_samples=None, generator=None)}, with
 * PyTorch 1.13's draws: when no generator is given, each epoch first draws a seed from the
 * default generator ({@code int(torch.empty((), dtype=torch.int64).random_().item())}) and seeds
 * a fresh generator with it; without replacement an epoch is {@code randperm(n, generator)}
 * (repeated for {@code numSamples > n}), with replacement {@code randint(n, (32,))} chunks. The
 * draws happen when an epoch's iterator is first advanced, as PyTorch's generator function.
 */
public final class RandomSampler implements Sampler {
    private final int n;
    private final boolean replacement;
    private final int numSamples;
    private final Generator generator;

    /** {@code RandomSampler(dataset)}. */
    public RandomSampler(Dataset<?> dataset) {
        this(dataset.size(), false, -1, null);
    }

    /** {@code RandomSampler(dataset, generator=generator)}. */
    public RandomSampler(Dataset<?> dataset, Generator generator) {
        this(dataset.size(), false, -1, generator);
    }

    /**
     * {@code RandomSampler(range(n), replacement, num_samples, generator)}; {@code numSamples < 0}
     * means {@code n}, a null generator the default one.
     */
    public RandomSampler(int n, boolean replacement, int numSamples, Generator generator) {
        if (n < 0) {
            throw new IllegalArgumentException("RandomSampler: negative dataset size " + n);
        }
        this.n = n;
        this.replacement = replacement;
        this.numSamples = numSamples < 0 ? n : numSamples;
        if (this.numSamples <= 0) {
            throw new IllegalArgumentException("num_samples should be a positive integer value, but got num_samples=" + this.numSamples);
        }
        this.generator = generator;
    }

    @Override
    public int size() {
        return numSamples;
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private long[] order;
            private int pos;

            private void start() {
                Generator g = generator;
                if (g == null) {
                    long seed = Rng.randomInt64(null);
                    g = new Generator().manualSeed(seed);
                }
                order = new long[numSamples];
                int k = 0;
                if (replacement) {
                    for (int c = 0; c < numSamples / 32; c++) {
                        for (long v : randint(n, 32, g)) {
                            order[k++] = v;
                        }
                    }
                    for (long v : randint(n, numSamples % 32, g)) {
                        order[k++] = v;
                    }
                } else {
                    for (int c = 0; c < numSamples / n; c++) {
                        for (long v : Rng.randperm(n, g)) {
                            order[k++] = v;
                        }
                    }
                    long[] last = Rng.randperm(n, g);
                    for (int i = 0; i < numSamples % n; i++) {
                        order[k++] = last[i];
                    }
                }
            }

            @Override
            public boolean hasNext() {
                if (order == null) {
                    start();
                }
                return pos < order.length;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return (int) order[pos++];
            }
        };
    }

    /** {@code torch.randint(high=n, size=(count,), dtype=torch.int64, generator=g).tolist()}. */
    private static long[] randint(int high, int count, Generator g) {
        try (GeneratorOptional opt = new GeneratorOptional(g.unwrap());
                TensorOptions longs = new TensorOptions(torch.ScalarType.Long);
                org.bytedeco.pytorch.Tensor t = torch.randint(high, new long[] {count}, opt, longs)) {
            long[] out = new long[count];
            if (count > 0) {
                t.data_ptr_long().get(out);
            }
            return out;
        } catch (RuntimeException e) {
            throw Native.fail(e, "randint");
        }
    }
}
