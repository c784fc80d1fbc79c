package org.torch4j.utils.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** {@code SequentialSampler(data_source)}: 0, 1, ..., n-1. */
public final class SequentialSampler implements Sampler {
    private final int n;

    /** Over {@code dataset}'s indices. */
    public SequentialSampler(Dataset<?> dataset) {
        this(dataset.size());
    }

    /** Over {@code 0..n-1}. */
    public SequentialSampler(int n) {
        this.n = n;
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Integer next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                return i++;
            }
        };
    }

    @Override
    public int size() {
        return n;
    }
}
