package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * What {@link RNN#call} and {@link GRU#call} return, PyTorch's {@code (output, h_n)}: {@code output}
 * of shape {@code [L, N, D*H_out]} ({@code [N, L, D*H_out]} with {@code batch_first}, {@code [L, D*H_out]}
 * unbatched) and {@code hN} of shape {@code [D*num_layers, N, H_out]} ({@code [D*num_layers, H_out]}
 * unbatched). Both are new tensors owned as results are (the current Scope); closing the record
 * closes both.
 */
public record RNNOutput(Tensor output, Tensor hN) implements AutoCloseable {
    /** Closes both tensors. */
    @Override
    public void close() {
        output.close();
        hN.close();
    }
}
