package org.torch4j.utils.data;

/**
 * {@code torch.utils.data.Dataset}: a map-style dataset, samples by index.
 * {@link #get(int)} may be called from DataLoader worker threads concurrently: implementations
 * must be safe for concurrent reads. A tensor a sample returns belongs to the caller (the
 * DataLoader frees it after collating).
 */
public interface Dataset<T> {
    /** {@code dataset[index]}. */
    T get(int index);

    /** {@code len(dataset)}. */
    int size();
}
