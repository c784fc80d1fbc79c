package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Tensor;

/**
 * LSTM's hidden state, PyTorch's tuple {@code (h, c)}: {@code h} of shape
 * {@code [D*num_layers, N, H_out]} ({@code H_out = proj_size} if set, else {@code hidden_size}) and
 * {@code c} of shape {@code [D*num_layers, N, hidden_size]}, without the batch dimension for
 * unbatched input. The record does not own the tensors.
 */
public record LSTMState(Tensor h, Tensor c) {
    /** Both tensors are required. */
    public LSTMState {
        Objects.requireNonNull(h, "LSTMState: h is null");
        Objects.requireNonNull(c, "LSTMState: c is null");
    }
}
