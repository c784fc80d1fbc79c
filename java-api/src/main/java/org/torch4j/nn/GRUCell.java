package org.torch4j.nn;

import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.GRUCell(input_size, hidden_size, bias=True)}: one step of a gated recurrent unit.
 * <pre>{@code
 * GRUCell cell = new GRUCell(10, 20);     // cell = nn.GRUCell(10, 20)
 * Tensor h = cell.forward(x0);            // h = cell(x0): zero initial state
 * h = cell.forward(x1, h);                // h = cell(x1, h)
 * }</pre>
 * Input {@code [N, input_size]} or unbatched {@code [input_size]}; {@code hx} of shape
 * {@code [N, hidden_size]} ({@code [hidden_size]} unbatched) or null for zeros. Gates in PyTorch's
 * order (reset, update, new) as LibTorch's CPU {@code gru_cell} computes them:
 * {@code r = σ(W_ir x + b_ir + W_hr h + b_hr)}, {@code z = σ(W_iz x + b_iz + W_hz h + b_hz)},
 * {@code n = tanh(W_in x + b_in + r * (W_hn h + b_hn))}, {@code h' = (h - n) * z + n}.
 */
public final class GRUCell extends RNNCellBase {
    /** {@code GRUCell(input_size, hidden_size)}. */
    public GRUCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** {@code GRUCell(input_size, hidden_size, bias)}, initialised as PyTorch does. */
    public GRUCell(long inputSize, long hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, 3);
    }

    /**
     * {@code cell(input, hx)}: the next hidden state, {@code [N, hidden_size]} ({@code [hidden_size]}
     * for unbatched input), owned by the current Scope.
     *
     * @throws IllegalArgumentException naming this module and the shapes, for a wrong input or hx
     */
    @Override
    public Tensor forward(Tensor input, Tensor hx) {
        checkOpen();
        boolean batched = checkInput(input);
        try (Scope s = Scope.open()) {
            Tensor x = withBatch(input, batched);
            Tensor h = state("hx", hx, x, batched);
            List<Tensor> gi = linearIh(x).chunk(3, 1);
            List<Tensor> gh = linearHh(h).chunk(3, 1);
            Tensor reset = gh.get(0).add(gi.get(0)).sigmoid();
            Tensor update = gh.get(1).add(gi.get(1)).sigmoid();
            Tensor fresh = gi.get(2).add(gh.get(2).mul(reset)).tanh();
            Tensor next = h.sub(fresh).mul(update).add(fresh);
            return withoutBatch(next, batched).keep();
        }
    }

    @Override
    protected Module newInstance() {
        return new GRUCell(inputSize, hiddenSize, bias);
    }
}
