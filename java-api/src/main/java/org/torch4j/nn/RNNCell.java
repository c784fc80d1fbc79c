package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')}: one step of an
 * Elman RNN, {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)} (or relu).
 * <pre>{@code
 * RNNCell cell = new RNNCell(10, 20);     // cell = nn.RNNCell(10, 20)
 * Tensor h = cell.forward(x0);            // h = cell(x0): zero initial state
 * h = cell.forward(x1, h);                // h = cell(x1, h)
 * }</pre>
 * Input {@code [N, input_size]} or unbatched {@code [input_size]}; {@code hx} of shape
 * {@code [N, hidden_size]} ({@code [hidden_size]} unbatched) or null for zeros. The numbers are
 * LibTorch's {@code rnn_tanh_cell} / {@code rnn_relu_cell} on the CPU (see {@link RNNCellBase}).
 */
public final class RNNCell extends RNNCellBase {
    private final String nonlinearity;

    /** {@code RNNCell(input_size, hidden_size)}. */
    public RNNCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh");
    }

    /** {@code RNNCell(input_size, hidden_size, bias)}. */
    public RNNCell(long inputSize, long hiddenSize, boolean bias) {
        this(inputSize, hiddenSize, bias, "tanh");
    }

    /**
     * {@code RNNCell(input_size, hidden_size, bias, nonlinearity)}, initialised as PyTorch does.
     *
     * @throws IllegalArgumentException for a nonlinearity other than "tanh" or "relu" (PyTorch
     *     refuses it only at the first forward)
     */
    public RNNCell(long inputSize, long hiddenSize, boolean bias, String nonlinearity) {
        super(inputSize, hiddenSize, bias, checkNonlinearity(nonlinearity));
        this.nonlinearity = nonlinearity;
    }

    private static int checkNonlinearity(String n) {
        Objects.requireNonNull(n, "RNNCell: nonlinearity is null");
        if (!n.equals("tanh") && !n.equals("relu")) {
            throw new IllegalArgumentException("RNNCell: Unknown nonlinearity: " + n + " (expected 'tanh' or 'relu')");
        }
        return 1;
    }

    /** {@code nonlinearity}: "tanh" or "relu". */
    public String nonlinearity() {
        return nonlinearity;
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
            Tensor pre = linearHh(h).add(linearIh(x));
            Tensor next = nonlinearity.equals("relu") ? pre.relu() : pre.tanh();
            return withoutBatch(next, batched).keep();
        }
    }

    @Override
    protected Module newInstance() {
        return new RNNCell(inputSize, hiddenSize, bias, nonlinearity);
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
