package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * What {@link LSTM#call} returns, PyTorch's {@code (output, (h_n, c_n))}. The three tensors are
 * new, owned as results are (the current Scope); closing the record closes them.
 */
public record LSTMOutput(Tensor output, Tensor hN, Tensor cN) implements AutoCloseable {
    /** {@code (h_n, c_n)}, to feed the next call as its initial state. */
    public LSTMState state() {
        return new LSTMState(hN, cN);
    }

    /** Closes the three tensors. */
    @Override
    public void close() {
        output.close();
        hN.close();
        cN.close();
    }
}
