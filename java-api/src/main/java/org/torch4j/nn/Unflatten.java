package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Unflatten(dim, unflattened_size)}: splits dimension {@code dim} into {@code unflattened_size}. */
public final class Unflatten extends Module {
    private final long dim;
    private final long[] unflattenedSize;

    /** {@code Unflatten(dim, unflattened_size)}: unflattens dimension {@code dim} into the shape {@code unflattenedSize}. */
    public Unflatten(long dim, long... unflattenedSize) {
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    /** {@code input.unflatten(dim, unflattened_size)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return Ops.unflatten(input, dim, unflattenedSize);
    }

    @Override
    protected Module newInstance() {
        return new Unflatten(dim, unflattenedSize);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + Reprs.tuple(unflattenedSize);
    }
}
