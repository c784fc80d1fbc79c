package org.torch4j.utils.data;

/**
 * {@code torch.utils.data.IterableDataset}: a stream of samples (no indices, no sampler, no
 * shuffling). A DataLoader reads it on the consumer thread, {@code batchSize} samples per batch.
 */
public interface IterableDataset<T> extends Iterable<T> {
}
