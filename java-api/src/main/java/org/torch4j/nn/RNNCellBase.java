package org.torch4j.nn;

import java.util.Arrays;
import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PyTorch's {@code RNNCellBase}: what {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share —
 * the parameters {@code weight_ih [chunks*hidden_size, input_size]}, {@code weight_hh
 * [chunks*hidden_size, hidden_size]}, {@code bias_ih}, {@code bias_hh} (None without bias),
 * PyTorch's initialisation ({@link #resetParameters}), the input and state checks, and the repr.
 *
 * <p>One time step. The forward is LibTorch's CPU cell, op for op ({@code aten/src/ATen/native/RNN.cpp}:
 * {@code linear_hh(h).add(linear_ih(x))}, chunked into gates), on torch4j's ops rather than through
 * {@code at::lstm_cell}: that op crashes on mis-shaped states (PyTorch 1.13 too), and here every
 * shape is checked first and every op is a checked one, so bad input is an
 * {@link IllegalArgumentException} naming the module and the shapes.
 */
public abstract class RNNCellBase extends Module {
    final long inputSize;
    final long hiddenSize;
    final boolean bias;
    private final Tensor weightIh;
    private final Tensor weightHh;
    private final Tensor biasIh;
    private final Tensor biasHh;

    RNNCellBase(long inputSize, long hiddenSize, boolean bias, int numChunks) {
        String name = getClass().getSimpleName();
        if (inputSize < 0 || hiddenSize < 0) {
            throw new IllegalArgumentException(name + ": input_size and hidden_size must be >= 0, got input_size=" + inputSize
                    + ", hidden_size=" + hiddenSize);
        }
        long gates;
        try {
            gates = Math.multiplyExact(numChunks, hiddenSize);
            Math.multiplyExact(gates, Math.max(inputSize, hiddenSize));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + ": input_size=" + inputSize + ", hidden_size=" + hiddenSize
                    + " give weights with more elements than a tensor can have");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        try (Scope s = Scope.open()) {
            this.weightIh = registerParameter("weight_ih", Torch.empty(DType.FLOAT32, gates, inputSize));
            this.weightHh = registerParameter("weight_hh", Torch.empty(DType.FLOAT32, gates, hiddenSize));
            this.biasIh = registerParameter("bias_ih", bias ? Torch.empty(DType.FLOAT32, gates) : null);
            this.biasHh = registerParameter("bias_hh", bias ? Torch.empty(DType.FLOAT32, gates) : null);
        }
        resetParameters();
    }

    /**
     * PyTorch's {@code reset_parameters}: every parameter, in registration order, from
     * U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) (0 when hidden_size is 0).
     */
    public void resetParameters() {
        checkOpen();
        RNNBase.resetUniform(parameters(), hiddenSize);
    }

    /** {@code cell(input)}: the next hidden state from a zero one (LSTMCell: h' alone). */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    @Override
    String arity() {
        return "1 or 2 inputs (input, hx)";
    }

    /** The input with a batch dimension (PyTorch's {@code input.unsqueeze(0)} for unbatched input). */
    static Tensor withBatch(Tensor input, boolean batched) {
        return batched ? input : input.unsqueeze(0);
    }

    /** A result without the batch dimension added for unbatched input. */
    static Tensor withoutBatch(Tensor t, boolean batched) {
        return batched ? t : t.squeeze(0);
    }

    /** {@code input_size}. */
    public long inputSize() {
        return inputSize;
    }

    /** {@code hidden_size}. */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** {@code self.weight_ih}; owned by this module. */
    public Tensor weightIh() {
        checkOpen();
        return weightIh;
    }

    /** {@code self.weight_hh}; owned by this module. */
    public Tensor weightHh() {
        checkOpen();
        return weightHh;
    }

    /** {@code self.bias_ih}, or null without bias; owned by this module. */
    public Tensor biasIh() {
        checkOpen();
        return biasIh;
    }

    /** {@code self.bias_hh}, or null without bias; owned by this module. */
    public Tensor biasHh() {
        checkOpen();
        return biasHh;
    }

    String label() {
        return moduleName() + "(" + inputSize + ", " + hiddenSize + ")";
    }

    /**
     * PyTorch's {@code assert input.dim() in (1, 2)} and LibTorch's {@code check_rnn_cell_forward_input},
     * plus dtype and device against the parameters. Returns whether the input is batched (2-D).
     */
    final boolean checkInput(Tensor input) {
        Objects.requireNonNull(input, () -> label() + ": input is null");
        long[] s = input.shape();
        if (s.length != 1 && s.length != 2) {
            throw new IllegalArgumentException(label() + ": Expected input to be 1-D or 2-D but received " + s.length + "-D tensor "
                    + Reprs.shape(s));
        }
        if (s[s.length - 1] != inputSize) {
            throw new IllegalArgumentException(label() + ": input has inconsistent input_size: got " + s[s.length - 1] + " expected "
                    + inputSize + " (input " + Reprs.shape(s) + ")");
        }
        checkKind("input", input);
        return s.length == 2;
    }

    private void checkKind(String what, Tensor t) {
        if (t.dtype() != weightIh.dtype() || !t.device().equals(weightIh.device())) {
            throw new IllegalArgumentException(label() + ": " + what + " is " + t.dtype() + " on " + t.device() + ", the parameters "
                    + weightIh.dtype() + " on " + weightIh.device() + " (convert the " + what + ", or the module with to())");
        }
    }

    /**
     * The state {@code what} ("hx", "hx[0]", "hx[1]") with a batch dimension: checked as LibTorch's
     * {@code check_rnn_cell_forward_hidden} (same rank as the input, batch and hidden size), or
     * zeros of shape {@code [batch, hidden_size]} when null. {@code x} is the input with its batch dimension.
     */
    final Tensor state(String what, Tensor given, Tensor x, boolean batched) {
        long[] expected = {x.size(0), hiddenSize};
        if (given == null) {
            return Torch.zeros(x.device(), x.dtype(), expected);
        }
        long[] g = given.shape();
        int want = batched ? 2 : 1;
        if (g.length != want) {
            throw new IllegalArgumentException(label() + ": for " + (batched ? "batched 2-D" : "unbatched 1-D") + " input "
                    + Reprs.shape(batched ? x.shape() : new long[] {x.size(1)}) + ", " + what + " should also be " + want + "-D but got "
                    + Reprs.shape(g));
        }
        checkKind(what, given);
        Tensor h = withBatch(given, batched);
        if (!Arrays.equals(h.shape(), expected)) {
            throw new IllegalArgumentException(label() + ": expected " + what + " of shape " + Reprs.tuple(batched ? expected
                    : new long[] {hiddenSize}) + ", got " + Reprs.shape(g) + " (input " + Reprs.shape(batched ? x.shape()
                    : new long[] {x.size(1)}) + ")");
        }
        return h;
    }

    /** {@code linear_ih(x)} and {@code linear_hh(h)} as LibTorch's {@code CellParams} compute them. */
    final Tensor linearIh(Tensor x) {
        return Ops.linear(x, weightIh, biasIh);
    }

    final Tensor linearHh(Tensor h) {
        return Ops.linear(h, weightHh, biasHh);
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
