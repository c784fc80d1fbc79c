package org.torch4j.nn;

import java.util.Objects;

/**
 * The keyword arguments of {@link RNN}, {@link LSTM} and {@link GRU}, PyTorch 1.13's defaults in
 * {@link #DEFAULT}: {@code num_layers=1, nonlinearity='tanh', bias=True, batch_first=False,
 * dropout=0, bidirectional=False, proj_size=0}. {@code nonlinearity} is an option of {@link RNN}
 * only and {@code proj_size} of {@link LSTM} only, as in PyTorch.
 * <pre>{@code new LSTM(10, 20, RNNOptions.DEFAULT.withNumLayers(2).withBidirectional(true))}</pre>
 *
 * @param numLayers     recurrent layers stacked on each other
 * @param nonlinearity  {@code "tanh"} or {@code "relu"} ({@link RNN} only)
 * @param bias          whether each layer has the biases {@code b_ih} and {@code b_hh}
 * @param batchFirst    input and output as {@code [batch, seq, feature]} instead of {@code [seq, batch, feature]}
 * @param dropout       probability of the dropout applied to the outputs of every layer but the last, in training mode
 * @param bidirectional whether every layer also runs over the reversed sequence
 * @param projSize      size of LSTM's projection of the hidden state (0: none)
 */
public record RNNOptions(long numLayers, String nonlinearity, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
        long projSize) {
    /** PyTorch's defaults. */
    public static final RNNOptions DEFAULT = new RNNOptions(1, "tanh", true, false, 0.0, false, 0);

    /** Validates the options with PyTorch's messages. */
    public RNNOptions {
        Objects.requireNonNull(nonlinearity, "nonlinearity");
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity + "'");
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the probability of an element being zeroed");
        }
        if (numLayers < 1) {
            throw new IllegalArgumentException("num_layers must be >= 1, got " + numLayers);
        }
        if (projSize < 0) {
            throw new IllegalArgumentException("proj_size should be a positive integer or zero to disable projections");
        }
    }

    /** {@code num_layers}. */
    public RNNOptions withNumLayers(long numLayers) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** {@code nonlinearity} ({@link RNN} only): {@code "tanh"} or {@code "relu"}. */
    public RNNOptions withNonlinearity(String nonlinearity) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** {@code bias}. */
    public RNNOptions withBias(boolean bias) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** {@code batch_first}. */
    public RNNOptions withBatchFirst(boolean batchFirst) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** {@code dropout}. */
    public RNNOptions withDropout(double dropout) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** {@code bidirectional}. */
    public RNNOptions withBidirectional(boolean bidirectional) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }

    /** {@code proj_size} ({@link LSTM} only). */
    public RNNOptions withProjSize(long projSize) {
        return new RNNOptions(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional, projSize);
    }
}
