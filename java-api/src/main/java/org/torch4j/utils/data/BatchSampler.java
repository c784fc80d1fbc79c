package org.torch4j.utils.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/** {@code BatchSampler(sampler, batch_size, drop_last)}: the sampler's indices in groups of {@code batchSize}. */
public final class BatchSampler implements Iterable<int[]> {
    private final Sampler sampler;
    private final int batchSize;
    private final boolean dropLast;

    /** {@code BatchSampler(sampler, batch_size, drop_last)}; {@code batchSize} must be positive. */
    public BatchSampler(Sampler sampler, int batchSize, boolean dropLast) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
        }
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    /** {@code len(batch_sampler)}: batches per epoch. */
    public int size() {
        int n = sampler.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<int[]> iterator() {
        Iterator<Integer> it = sampler.iterator();
        return new Iterator<>() {
            private int[] pending;

            private int[] fill() {
                int[] b = new int[batchSize];
                int k = 0;
                while (k < batchSize && it.hasNext()) {
                    b[k++] = it.next();
                }
                if (k == 0 || (k < batchSize && dropLast)) {
                    return null;
                }
                return k == batchSize ? b : Arrays.copyOf(b, k);
            }

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    pending = fill();
                }
                return pending != null;
            }

            @Override
            public int[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] b = pending;
                pending = null;
                return b;
            }
        };
    }
}
