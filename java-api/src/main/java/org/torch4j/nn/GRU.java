package org.torch4j.nn;

import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Tensors2;
import org.torch4j.Torch;

/**
 * {@code torch.nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False,
 * dropout=0, bidirectional=False)}: a multi-layer gated recurrent unit; the keywords in
 * {@link RNNOptions} ({@code nonlinearity} and {@code proj_size} are not options of GRU).
 * <pre>{@code
 * GRU gru = new GRU(10, 20, 2);                 // gru = nn.GRU(10, 20, 2)
 * RNNOutput r = gru.call(randn(5, 3, 10), h0);  // output, hn = gru(input, h0)
 * }</pre>
 * Input {@code [L, N, input_size]} ({@code [N, L, input_size]} with {@code batch_first}) or
 * unbatched {@code [L, input_size]}. Runs LibTorch's fused {@code at::gru}.
 */
public final class GRU extends RNNBase {
    /** {@code GRU(input_size, hidden_size)}. */
    public GRU(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, RNNOptions.DEFAULT);
    }

    /** {@code GRU(input_size, hidden_size, num_layers)}. */
    public GRU(long inputSize, long hiddenSize, long numLayers) {
        this(inputSize, hiddenSize, RNNOptions.DEFAULT.withNumLayers(numLayers));
    }

    /** {@code GRU(input_size, hidden_size, **options)}, initialised as PyTorch does. */
    public GRU(long inputSize, long hiddenSize, RNNOptions options) {
        super("GRU", inputSize, hiddenSize, options);
    }

    /** {@code gru(input)}: {@code (output, h_n)} with a zero initial state. */
    public RNNOutput call(Tensor input) {
        return call(input, null);
    }

    /**
     * {@code gru(input, hx)}: {@code (output, h_n)}; {@code hx} of shape {@code [D*num_layers, N, hidden_size]}
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
            Tensors2 r = Torch.gru(x, h, flatWeights(), bias, numLayers, dropout, isTraining(), bidirectional, batchFirst);
            return new RNNOutput(unbatchedOutput(r.first(), batched).keep(), unbatchedState(r.second(), batched).keep());
        }
    }

    /** The output alone ({@code gru(input)[0]}). */
    @Override
    public Tensor forward(Tensor input) {
        return outputOnly(call(input, null));
    }

    /** The output alone ({@code gru(input, hx)[0]}). */
    @Override
    public Tensor forward(Tensor input, Tensor hx) {
        return outputOnly(call(input, hx));
    }

    @Override
    String arity() {
        return "1 or 2 inputs (input, hx)";
    }
}
