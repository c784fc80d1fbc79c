package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.LogSoftmax(dim)}. */
public final class LogSoftmax extends Module {
    private final long dim;

    /** {@code LogSoftmax(dim)}: PyTorch's implicit {@code dim=None} is deprecated there and not offered here. */
    public LogSoftmax(long dim) {
        this.dim = dim;
    }

    /** {@code F.log_softmax(input, dim)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "LogSoftmax: input is null");
        return Ops.logSoftmax(input, dim);
    }

    @Override
    protected Module newInstance() {
        return new LogSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
