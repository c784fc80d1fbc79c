package org.torch4j.nn;

import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Tensors3;
import org.torch4j.Torch;

/**
 * {@code torch.nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False,
 * dropout=0, bidirectional=False, proj_size=0)}: a multi-layer long short-term memory RNN; the
 * keywords in {@link RNNOptions} ({@code nonlinearity} is not an option of LSTM).
 * <pre>{@code
 * LSTM lstm = new LSTM(10, 20, 2);                                  // lstm = nn.LSTM(10, 20, 2)
 * LSTMOutput r = lstm.call(randn(5, 3, 10), new LSTMState(h0, c0)); // output, (hn, cn) = lstm(input, (h0, c0))
 * }</pre>
 * Input {@code [L, N, input_size]} ({@code [N, L, input_size]} with {@code batch_first}) or
 * unbatched {@code [L, input_size]}. With {@code proj_size > 0} every layer has a
 * {@code weight_hr_l{k}} and {@code h} has {@code proj_size} features. Runs LibTorch's fused
 * {@code at::lstm}.
 */
public final class LSTM extends RNNBase {
    /** {@code LSTM(input_size, hidden_size)}. */
    public LSTM(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, RNNOptions.DEFAULT);
    }

    /** {@code LSTM(input_size, hidden_size, num_layers)}. */
    public LSTM(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, RNNOptions.DEFAULT.withNumLayers(numLayers));
    }

    /** {@code LSTM(input_size, hidden_size, **options)}, initialised as PyTorch does. */
    public LSTM(long inputSize, long hiddenSize, RNNOptions options) {
        super("LSTM", inputSize, hiddenSize, options);
    }

    /** {@code proj_size} (0: no projection). */
    public long projSize() {
        return projSize;
    }

    /** {@code lstm(input)}: {@code (output, (h_n, c_n))} with a zero initial state. */
    public LSTMOutput call(Tensor input) {
        return call(input, null);
    }

    /**
     * {@code lstm(input, (h_0, c_0))}: {@code (output, (h_n, c_n))}; {@code hx} holds {@code h_0} of
     * shape {@code [D*num_layers, N, H_out]} and {@code c_0} of shape {@code [D*num_layers, N, hidden_size]}
     * (without N for unbatched input), or is null for zeros.
     *
     * @throws IllegalArgumentException naming this module and the shapes, for a wrong input or state
     */
    public LSTMOutput call(Tensor input, LSTMState hx) {
        checkOpen();
        boolean batched = checkInput(input);
        try (Scope s = Scope.open()) {
            Tensor x = batchedInput(input, batched);
            Tensor h = state("hx[0]", hx == null ? null : hx.h(), x, batched, realHiddenSize());
            Tensor c = state("hx[1]", hx == null ? null : hx.c(), x, batched, hiddenSize);
            Tensors3 r = Torch.lstm(x, List.of(h, c), flatWeights(), bias, numLayers, dropout, isTraining(), bidirectional, batchFirst);
            return new LSTMOutput(unbatchedOutput(r.first(), batched).keep(), unbatchedState(r.second(), batched).keep(),
                    unbatchedState(r.third(), batched).keep());
        }
    }

    /** The output alone ({@code lstm(input)[0]}). */
    @Override
    public Tensor forward(Tensor input) {
        return outputOnly(call(input, null));
    }

    @Override
    String arity() {
        return "1 input (or call(input, LSTMState))";
    }
}
