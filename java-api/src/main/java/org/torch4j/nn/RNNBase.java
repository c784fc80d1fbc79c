package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Warnings;

/**
 * PyTorch's {@code RNNBase}: what {@link RNN}, {@link LSTM} and {@link GRU} share — the parameters
 * per layer and direction, named and registered in PyTorch's order ({@code weight_ih_l{k}},
 * {@code weight_hh_l{k}}, {@code bias_ih_l{k}}, {@code bias_hh_l{k}}, LSTM's {@code weight_hr_l{k}},
 * each direction 1 with the suffix {@code _reverse}), PyTorch's initialisation
 * ({@link #resetParameters}), the input and hidden-state checks, and the repr.
 *
 * <p>The forward passes call LibTorch's fused {@code at::rnn_tanh}, {@code at::rnn_relu},
 * {@code at::lstm} and {@code at::gru} (the ops Python's {@code _VF} calls) with the flat weight
 * list, so the numbers are LibTorch's. Packed sequences are not supported.
 */
public abstract class RNNBase extends Module {
    final String mode;
    final long inputSize;
    final long hiddenSize;
    final long numLayers;
    final boolean bias;
    final boolean batchFirst;
    final double dropout;
    final boolean bidirectional;
    final long projSize;
    /** {@code _flat_weights}: every parameter in registration order, as the fused ops take them. */
    private final List<Tensor> flatWeights;
    private final List<String> flatWeightsNames;

    RNNBase(String mode, long inputSize, long hiddenSize, RNNOptions o) {
        Objects.requireNonNull(o, "options");
        String name = getClass().getSimpleName();
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = o.numLayers();
        this.bias = o.bias();
        this.batchFirst = o.batchFirst();
        this.dropout = o.dropout();
        this.bidirectional = o.bidirectional();
        this.projSize = o.projSize();
        if (inputSize < 0 || hiddenSize < 0) {
            throw new IllegalArgumentException(name + ": input_size and hidden_size must be >= 0, got input_size=" + inputSize
                    + ", hidden_size=" + hiddenSize);
        }
        // each layer registers 2-5 parameter tensors per direction, each a few hundred bytes of heap at
        // least: a count the heap cannot hold would loop allocating until an OutOfMemoryError (fuzz seed
        // 1541: num_layers 2^40), so it is refused up front
        long perLayer = 5L * (o.bidirectional() ? 2 : 1) * 256;
        if (numLayers > Runtime.getRuntime().maxMemory() / perLayer) {
            throw new IllegalArgumentException(name + ": num_layers=" + numLayers + " needs more parameter tensors than this JVM's heap ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) can hold");
        }
        if (projSize != 0 && !mode.equals("LSTM")) {
            throw new IllegalArgumentException("proj_size argument is only supported for LSTM, not RNN or GRU");
        }
        if (!mode.startsWith("RNN") && !o.nonlinearity().equals("tanh")) {
            throw new IllegalArgumentException(name + ": nonlinearity is an option of RNN only, got nonlinearity='" + o.nonlinearity() + "'");
        }
        if (projSize >= hiddenSize) {
            throw new IllegalArgumentException("proj_size has to be smaller than hidden_size");
        }
        if (dropout > 0 && numLayers == 1) {
            Warnings.once("rnn dropout", "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                    + "num_layers greater than 1, but got dropout=" + Reprs.f(dropout) + " and num_layers=" + numLayers);
        }
        long gateSize = switch (mode) {
            case "LSTM" -> 4 * hiddenSize;
            case "GRU" -> 3 * hiddenSize;
            default -> hiddenSize;
        };
        long realHidden = realHiddenSize();
        List<Tensor> weights = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Scope s = Scope.open()) {
            for (long layer = 0; layer < numLayers; layer++) {
                for (int direction = 0; direction < numDirections(); direction++) {
                    long layerInput = layer == 0 ? inputSize : realHidden * numDirections();
                    String suffix = layer + (direction == 1 ? "_reverse" : "");
                    names.add("weight_ih_l" + suffix);
                    weights.add(registerParameter("weight_ih_l" + suffix, Torch.empty(DType.FLOAT32, gateSize, layerInput)));
                    names.add("weight_hh_l" + suffix);
                    weights.add(registerParameter("weight_hh_l" + suffix, Torch.empty(DType.FLOAT32, gateSize, realHidden)));
                    if (bias) {
                        names.add("bias_ih_l" + suffix);
                        weights.add(registerParameter("bias_ih_l" + suffix, Torch.empty(DType.FLOAT32, gateSize)));
                        names.add("bias_hh_l" + suffix);
                        weights.add(registerParameter("bias_hh_l" + suffix, Torch.empty(DType.FLOAT32, gateSize)));
                    }
                    if (projSize > 0) {
                        names.add("weight_hr_l" + suffix);
                        weights.add(registerParameter("weight_hr_l" + suffix, Torch.empty(DType.FLOAT32, projSize, hiddenSize)));
                    }
                }
            }
        }
        this.flatWeights = Collections.unmodifiableList(weights);
        this.flatWeightsNames = List.copyOf(names);
        resetParameters();
    }

    /**
     * PyTorch's {@code reset_parameters}: every parameter, in registration order, from
     * U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)).
     */
    public void resetParameters() {
        checkOpen();
        resetUniform(parameters(), hiddenSize);
    }

    /** {@code reset_parameters} of RNNBase and RNNCellBase: each of {@code params} from U(-1/sqrt(hidden), 1/sqrt(hidden)), 0 for hidden 0. */
    static void resetUniform(List<Tensor> params, long hiddenSize) {
        double stdv = hiddenSize > 0 ? 1.0 / Math.sqrt((double) hiddenSize) : 0;
        for (Tensor w : params) {
            init.uniform_(w, -stdv, stdv);
        }
    }

    /** {@code _flat_weights}: the parameters in the order the fused ops take them (the module's own objects). */
    public List<Tensor> flatWeights() {
        checkOpen();
        return flatWeights;
    }

    /** {@code _flat_weights_names}. */
    public List<String> flatWeightsNames() {
        return flatWeightsNames;
    }

    /** {@code input_size}. */
    public long inputSize() {
        return inputSize;
    }

    /** {@code hidden_size}. */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** {@code num_layers}. */
    public long numLayers() {
        return numLayers;
    }

    /** {@code batch_first}. */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** {@code bidirectional}. */
    public boolean bidirectional() {
        return bidirectional;
    }

    final int numDirections() {
        return bidirectional ? 2 : 1;
    }

    /** {@code proj_size} if set, else {@code hidden_size}: the size of {@code h}. */
    final long realHiddenSize() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    String label() {
        return moduleName() + "(" + inputSize + ", " + hiddenSize + ")";
    }

    /** Checks the input's rank and feature size; returns whether it is batched (3-D). */
    final boolean checkInput(Tensor input) {
        Objects.requireNonNull(input, () -> label() + ": input is null");
        long[] s = input.shape();
        if (s.length != 2 && s.length != 3) {
            throw new IllegalArgumentException(label() + ": expected 2D (unbatched) or 3D (batched) input, got " + Reprs.shape(s));
        }
        if (s[s.length - 1] != inputSize) {
            throw new IllegalArgumentException(label() + ": input.size(-1) must be equal to input_size. Expected " + inputSize + ", got "
                    + s[s.length - 1] + " (input " + Reprs.shape(s) + ")");
        }
        Tensor w = flatWeights.get(0);
        if (input.dtype() != w.dtype() || !input.device().equals(w.device())) {
            throw new IllegalArgumentException(label() + ": input is " + input.dtype() + " on " + input.device() + ", the parameters "
                    + w.dtype() + " on " + w.device() + " (convert the input, or the module with to())");
        }
        return s.length == 3;
    }

    /**
     * The initial state {@code what} ("hx", "hx[0]", "cx") as the fused op takes it: checked for rank and
     * shape as PyTorch's {@code check_hidden_size}, given a batch dimension for unbatched input, or
     * zeros of the expected shape when absent.
     */
    final Tensor state(String what, Tensor given, Tensor x, boolean batched, long size) {
        long batch = x.size(batchFirst ? 0 : 1);
        long[] expected = {numLayers * numDirections(), batch, size};
        if (given == null) {
            return Torch.zeros(x.device(), x.dtype(), expected);
        }
        int want = batched ? 3 : 2;
        if (given.dim() != want) {
            throw new IllegalArgumentException(label() + ": for " + (batched ? "batched 3-D" : "unbatched 2-D") + " input " + Reprs.shape(
                    x.shape()) + ", " + what + " should also be " + want + "-D but got " + Reprs.shape(given.shape()));
        }
        Tensor h = batched ? given : given.unsqueeze(1);
        if (!java.util.Arrays.equals(h.shape(), expected)) {
            throw new IllegalArgumentException(label() + ": expected " + what + " size " + Reprs.tuple(batched ? expected
                    : new long[] {expected[0], expected[2]}) + ", got " + Reprs.shape(given.shape()) + " (input " + Reprs.shape(x.shape())
                    + ")");
        }
        return h;
    }

    /** The input with a batch dimension. */
    final Tensor batchedInput(Tensor input, boolean batched) {
        return batched ? input : input.unsqueeze(batchFirst ? 0 : 1);
    }

    /** The output without the batch dimension added for unbatched input. */
    final Tensor unbatchedOutput(Tensor output, boolean batched) {
        return batched ? output : output.squeeze(batchFirst ? 0 : 1);
    }

    /** A state without the batch dimension added for unbatched input (PyTorch's {@code hidden.squeeze(1)}). */
    final Tensor unbatchedState(Tensor h, boolean batched) {
        return batched ? h : h.squeeze(1);
    }

    /** The output of a call; the final state, not wanted, is freed now. */
    static Tensor outputOnly(RNNOutput r) {
        r.hN().close();
        return r.output();
    }

    /** The output of a call; the final state, not wanted, is freed now. */
    static Tensor outputOnly(LSTMOutput r) {
        r.hN().close();
        r.cN().close();
        return r.output();
    }

    /** The same recurrent class (by mode) with this one's configuration. */
    @Override
    protected Module newInstance() {
        RNNOptions o = new RNNOptions(numLayers, mode.equals("RNN_RELU") ? "relu" : "tanh", bias, batchFirst, dropout, bidirectional,
                projSize);
        return switch (mode) {
            case "LSTM" -> new LSTM(inputSize, hiddenSize, o);
            case "GRU" -> new GRU(inputSize, hiddenSize, o);
            default -> new RNN(inputSize, hiddenSize, o);
        };
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (projSize != 0) {
            s.append(", proj_size=").append(projSize);
        }
        if (numLayers != 1) {
            s.append(", num_layers=").append(numLayers);
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (batchFirst) {
            s.append(", batch_first=True");
        }
        if (dropout != 0) {
            s.append(", dropout=").append(Reprs.f(dropout));
        }
        if (bidirectional) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }
}
