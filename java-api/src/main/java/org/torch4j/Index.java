package org.torch4j;

/**
 * The non-numeric items of a Python index, for {@link Tensor#index(Object...)} and
 * {@link Tensor#indexPut_(Tensor, Object...)}: {@code x[..., None]} is
 * {@code x.index(Index.ELLIPSIS, Index.NONE)} (also reachable as {@link Tensor#ELLIPSIS} and
 * {@link Tensor#NONE}).
 */
public enum Index {
    /** Python's {@code ...}: as many {@code :} as the remaining dimensions need. */
    ELLIPSIS,
    /** Python's {@code None} in an index: inserts a new dimension of size 1. */
    NONE
}
