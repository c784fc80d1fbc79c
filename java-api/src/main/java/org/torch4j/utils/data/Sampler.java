package org.torch4j.utils.data;

/** {@code torch.utils.data.Sampler}: an order of dataset indices; each {@code iterator()} is one epoch. */
public interface Sampler extends Iterable<Integer> {
    /** {@code len(sampler)}: indices per epoch. */
    int size();
}
