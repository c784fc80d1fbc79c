package org.torch4j.nn;

import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Tensors2;
import org.torch4j.Torch;

/**
 * {@code torch.nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True,
 * batch_first=False, dropout=0, bidirectional=False)}: a multi-layer Elman RNN,
 * {@code h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh)} (or ReLU); the keywords in
 * {@link RNNOptions}.
 * <pre>{@code
 * RNN rnn = new RNN(10, 20, 2);                 // rnn = nn.RNN(10, 20, 2)
 * RNNOutput r = rnn.call(randn(5, 3, 10), h0);  // output, hn = rnn(input, h0)
 * }</pre>
 * Input {@code [L, N, input_size]} ({@code [N, L, input_size]} with {@code batch_first}) or
 * unbatched {@code [L, input_size]}. Runs LibTorch's fused {@code at::rnn_tanh} / {@code at::rnn_relu}.
 */
public final class RNN extends RNNBase {
    private final String nonlinearity;

    /** {@code RNN(input_size, hidden_size)}. */
    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, RNNOptions.DEFAULT);
    }

    /** {@code RNN(input_size, hidden_size, num_layers)}. */
    public RNN(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, RNNOptions.DEFAULT.withNumLayers(numLayers));
    }

    /** {@code RNN(input_size, hidden_size, **options)}, initialised as PyTorch does. */
    public RNN(long inputSize, long hiddenSize, RNNOptions options) {
        super(options.nonlinearity().equals("relu") ? "RNN_RELU" : "RNN_TANH", inputSize, hiddenSize, options);
        this.nonlinearity = options.nonlinearity();
    }

    /** {@code nonlinearity}: {@code "tanh"} or {@code "relu"}. */
    public String nonlinearity() {
        return nonlinearity;
    }

    /** {@code rnn(input)}: {@code (output, h_n)} with a zero initial state. */
    public RNNOutput call(Tensor input) {
        return call(input, null);
    }

    /**
     * {@code rnn(input, hx)}: {@code (output, h_n)}; {@code hx} of shape {@code [D*num_layers, N, hidden_size]}
     * ({@code [D*num_layers, hidden_size]} for unbatched input), or null for zeros.
     *
     * @throws IllegalArgumentException naming this module and the shapes, for a wrong input or hx
     */
    public RNNOutput call(Tensor input, Tensor hx) {
        checkOpen();
        boolean batched = checkInput(input);
        try (Scope s = Scope.open()) {
            Tensor x = batchedInput(input, batched);
            Tensor h = state("hx", hx, x, batched, hiddenSize);
            Tensors2 r = nonlinearity.equals("tanh")
                    ? Torch.rnnTanh(x, h, flatWeights(), bias, numLayers, dropout, isTraining(), bidirectional, batchFirst)
                    : Torch.rnnRelu(x, h, flatWeights(), bias, numLayers, dropout, isTraining(), bidirectional, batchFirst);
            return new RNNOutput(unbatchedOutput(r.first(), batched).keep(), unbatchedState(r.second(), batched).keep());
        }
    }

    /** The output alone ({@code rnn(input)[0]}). */
    @Override
    public Tensor forward(Tensor input) {
        return outputOnly(call(input, null));
    }

    /** The output alone ({@code rnn(input, hx)[0]}). */
    @Override
    public Tensor forward(Tensor input, Tensor hx) {
        return outputOnly(call(input, hx));
    }

    @Override
    String arity() {
        return "1 or 2 inputs (input, hx)";
    }
}
