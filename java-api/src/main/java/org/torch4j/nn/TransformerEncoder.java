package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.TransformerEncoder(encoder_layer, num_layers, norm=None)}: {@code num_layers}
 * copies of {@code encoder_layer} applied in turn, then {@code norm} if given. As PyTorch's
 * {@code _get_clones}, the layers are deep copies ({@link Module#deepCopy()}) of
 * {@code encoder_layer}, each starting with its weights, registered as {@code layers.0},
 * {@code layers.1}, … ({@code layers.0.self_attn.in_proj_weight}, …).
 *
 * <p>Ownership: {@code encoder_layer} is copied, not taken — it stays the caller's, to close (for
 * example with try-with-resources; PyTorch's garbage collector does this for Python). {@code norm}
 * is taken: the encoder owns and closes it. The nested-tensor fast path of PyTorch 1.13
 * ({@code enable_nested_tensor}, eval mode under no_grad with a padding mask) is not reproduced; the
 * layers' composite path computes the same function.
 */
public final class TransformerEncoder extends Module {
    private final ModuleList layers;
    private final int numLayers;
    private final Module norm;

    /** {@code TransformerEncoder(encoder_layer, num_layers)}: no final norm. */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers) {
        this(encoderLayer, numLayers, null);
    }

    /**
     * {@code TransformerEncoder(encoder_layer, num_layers, norm)}.
     *
     * @param norm null (None), or a module applied to the last layer's output (usually a {@link LayerNorm}); owned by the encoder
     */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, Module norm) {
        try {
            Objects.requireNonNull(encoderLayer, "TransformerEncoder: encoder_layer is null");
            if (numLayers < 0) {
                throw new IllegalArgumentException("TransformerEncoder: num_layers must be >= 0, got " + numLayers);
            }
            this.numLayers = numLayers;
            this.layers = registerModule("layers", ModuleList.clones(encoderLayer, numLayers));
            this.norm = norm == null ? null : registerModule("norm", norm);
        } catch (RuntimeException e) {
            if (norm != null) {
                norm.close(); // taken, also when construction fails
            }
            throw e;
        }
    }

    /** {@code layers}: the copies. */
    public ModuleList layers() {
        checkOpen();
        return layers;
    }

    /** {@code num_layers}. */
    public int numLayers() {
        return numLayers;
    }

    /** {@code norm}, or null. */
    public Module norm() {
        checkOpen();
        return norm;
    }

    /** {@code encoder(src)}. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /** {@code encoder(src, mask)}. */
    @Override
    public Tensor forward(Tensor src, Tensor mask) {
        return forward(src, mask, null);
    }

    /**
     * {@code encoder(src, mask, src_key_padding_mask)}: every layer gets the same masks.
     *
     * @see TransformerEncoderLayer#forward(Tensor, Tensor, Tensor)
     */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        checkOpen();
        Objects.requireNonNull(src, "TransformerEncoder: src is null");
        TransformerEncoderLayer.checkPaddingMask(srcKeyPaddingMask, "TransformerEncoder", "src_key_padding_mask");
        try (Scope s = Scope.open()) {
            Tensor output = src;
            for (Module m : layers) {
                output = ((TransformerEncoderLayer) m).forward(output, mask, srcKeyPaddingMask);
            }
            if (norm != null) {
                output = norm.forward(output);
            }
            return output == src ? output : output.keep();
        }
    }

    /** {@code encoder(src[, mask[, src_key_padding_mask]])}; nulls allowed for the masks. */
    @Override
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        switch (inputs.length) {
            case 1:
                return forward(inputs[0], null, null);
            case 2:
                return forward(inputs[0], inputs[1], null);
            case 3:
                return forward(inputs[0], inputs[1], inputs[2]);
            default:
                checkOpen();
                throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got " + inputs.length);
        }
    }

    @Override
    String arity() {
        return "1 to 3 inputs (src, mask, src_key_padding_mask)";
    }

    /** Copies of the layers and of the norm. */
    @Override
    protected Module newInstance() {
        TransformerEncoderLayer proto = numLayers == 0
                ? new TransformerEncoderLayer(1, 1, TransformerOptions.DEFAULT.withDimFeedforward(1))
                : ((TransformerEncoderLayer) layers.get(0)).deepCopy();
        try (proto) {
            return new TransformerEncoder(proto, numLayers, norm == null ? null : norm.deepCopy());
        }
    }
}
