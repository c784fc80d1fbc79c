package org.torch4j.nn;

import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.LSTMCell(input_size, hidden_size, bias=True)}: one step of a long short-term memory.
 * <pre>{@code
 * LSTMCell cell = new LSTMCell(10, 20);   // cell = nn.LSTMCell(10, 20)
 * LSTMState s = cell.call(x0);            // hx, cx = cell(x0): zero initial state
 * s = cell.call(x1, s);                   // hx, cx = cell(x1, (hx, cx))
 * }</pre>
 * Input {@code [N, input_size]} or unbatched {@code [input_size]}; {@code h} and {@code c} of shape
 * {@code [N, hidden_size]} ({@code [hidden_size]} unbatched). Gates in PyTorch's order (input,
 * forget, cell, output) as LibTorch's CPU {@code lstm_cell} computes them:
 * {@code c' = σ(f) * c + σ(i) * tanh(g)}, {@code h' = σ(o) * tanh(c')}.
 */
public final class LSTMCell extends RNNCellBase {
    /** {@code LSTMCell(input_size, hidden_size)}. */
    public LSTMCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** {@code LSTMCell(input_size, hidden_size, bias)}, initialised as PyTorch does. */
    public LSTMCell(long inputSize, long hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, 4);
    }

    /** {@code cell(input)}: {@code (h', c')} from a zero state. */
    public LSTMState call(Tensor input) {
        return call(input, null);
    }

    /**
     * {@code cell(input, (h, c))}: {@code (h', c')}, each {@code [N, hidden_size]} ({@code [hidden_size]}
     * for unbatched input) and owned by the current Scope; a null {@code hx} is a zero state.
     *
     * @throws IllegalArgumentException naming this module and the shapes, for a wrong input or state
     */
    public LSTMState call(Tensor input, LSTMState hx) {
        checkOpen();
        boolean batched = checkInput(input);
        try (Scope s = Scope.open()) {
            Tensor x = withBatch(input, batched);
            Tensor h = state("hx[0]", hx == null ? null : hx.h(), x, batched);
            Tensor c = state("hx[1]", hx == null ? null : hx.c(), x, batched);
            List<Tensor> gates = linearHh(h).add(linearIh(x)).chunk(4, 1);
            Tensor in = gates.get(0).sigmoid();
            Tensor forget = gates.get(1).sigmoid();
            Tensor cell = gates.get(2).tanh();
            Tensor out = gates.get(3).sigmoid();
            Tensor cy = forget.mul(c).add(in.mul(cell));
            Tensor hy = out.mul(cy.tanh());
            return new LSTMState(withoutBatch(hy, batched).keep(), withoutBatch(cy, batched).keep());
        }
    }

    /** {@code cell(input)[0]}: h' alone, from a zero state (c' is freed at once). */
    @Override
    public Tensor forward(Tensor input) {
        LSTMState r = call(input, null);
        r.c().close();
        return r.h();
    }

    @Override
    String arity() {
        return "1 input (or call(input, LSTMState))";
    }

    @Override
    protected Module newInstance() {
        return new LSTMCell(inputSize, hiddenSize, bias);
    }
}
