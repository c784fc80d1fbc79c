package org.torch4j.utils.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** {@code torch.utils.data.ConcatDataset(datasets)}: the samples of each dataset in turn. */
public final class ConcatDataset<T> implements Dataset<T> {
    private final List<Dataset<? extends T>> datasets;
    private final int[] cumulativeSizes;

    /** {@code ConcatDataset(datasets)}: the datasets one after another; the list must not be empty. */
    public ConcatDataset(List<? extends Dataset<? extends T>> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets should not be an empty iterable");
        }
        this.datasets = List.copyOf(datasets);
        cumulativeSizes = new int[datasets.size()];
        int sum = 0;
        for (int i = 0; i < cumulativeSizes.length; i++) {
            sum = Math.addExact(sum, Objects.requireNonNull(datasets.get(i), "dataset " + i).size());
            cumulativeSizes[i] = sum;
        }
    }

    @Override
    public T get(int index) {
        int n = size();
        if (index < 0) {
            if (-index > n) {
                throw new IndexOutOfBoundsException("absolute value of index should not exceed dataset length");
            }
            index = n + index;
        }
        Objects.checkIndex(index, n);
        int d = Arrays.binarySearch(cumulativeSizes, index);
        d = d >= 0 ? d + 1 : -d - 1; // bisect_right(cumulative_sizes, index)
        int sampleIndex = d == 0 ? index : index - cumulativeSizes[d - 1];
        return datasets.get(d).get(sampleIndex);
    }

    @Override
    public int size() {
        return cumulativeSizes[cumulativeSizes.length - 1];
    }

    /** {@code cumulative_sizes} (a copy). */
    public int[] cumulativeSizes() {
        return cumulativeSizes.clone();
    }
}
