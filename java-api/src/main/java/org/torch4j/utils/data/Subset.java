package org.torch4j.utils.data;

import java.util.Objects;

/** {@code torch.utils.data.Subset(dataset, indices)}: the samples of {@code dataset} at {@code indices}, in that order. */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final int[] indices;

    /** {@code Subset(dataset, indices)}: the dataset's samples at {@code indices} (copied), in that order. */
    public Subset(Dataset<T> dataset, int[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.indices = indices.clone();
    }

    @Override
    public T get(int index) {
        return dataset.get(indices[Objects.checkIndex(index, indices.length)]);
    }

    @Override
    public int size() {
        return indices.length;
    }

    /** The underlying dataset. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** {@code subset.indices} (a copy). */
    public int[] indices() {
        return indices.clone();
    }
}
