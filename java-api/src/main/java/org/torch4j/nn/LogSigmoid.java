package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.LogSigmoid()}: {@code log(1 / (1 + exp(-x)))}. */
public final class LogSigmoid extends Module {
    /** {@code torch.nn.LogSigmoid()}. */
    public LogSigmoid() {
    }

    /** {@code F.logsigmoid(input)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "LogSigmoid: input is null");
        return Ops.logsigmoid(input);
    }

    @Override
    protected Module newInstance() {
        return new LogSigmoid();
    }
}
