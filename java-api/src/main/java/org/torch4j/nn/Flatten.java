package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.Flatten(start_dim=1, end_dim=-1)}: flattens a contiguous range of dimensions. */
public final class Flatten extends Module {
    private final long startDim;
    private final long endDim;

    /** {@code Flatten()}: dimensions 1 to -1 (keeps the batch dimension). */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens dimensions {@code startDim..endDim} ({@code nn.Flatten(start_dim, end_dim)}). */
    public Flatten(long startDim, long endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** First flattened dimension. */
    public long startDim() {
        return startDim;
    }

    /** Last flattened dimension (inclusive). */
    public long endDim() {
        return endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return input.flatten(startDim, endDim);
    }

    @Override
    protected Module newInstance() {
        return new Flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
