package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.TransformerDecoder(decoder_layer, num_layers, norm=None)}: {@code num_layers}
 * deep copies ({@link Module#deepCopy()}) of {@code decoder_layer}, registered as {@code layers.0},
 * …, applied in turn to the target with the same memory and masks, then {@code norm} if given.
 * {@code decoder_layer} stays the caller's (it is copied); {@code norm} is owned by the decoder.
 */
public final class TransformerDecoder extends Module {
    private final ModuleList layers;
    private final int numLayers;
    private final Module norm;

    /** {@code TransformerDecoder(decoder_layer, num_layers)}: no final norm. */
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers) {
        this(decoderLayer, numLayers, null);
    }

    /** {@code TransformerDecoder(decoder_layer, num_layers, norm)}; {@code norm} may be null. */
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers, Module norm) {
        try {
            Objects.requireNonNull(decoderLayer, "TransformerDecoder: decoder_layer is null");
            if (numLayers < 0) {
                throw new IllegalArgumentException("TransformerDecoder: num_layers must be >= 0, got " + numLayers);
            }
            this.numLayers = numLayers;
            this.layers = registerModule("layers", ModuleList.clones(decoderLayer, numLayers));
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

    /** {@code decoder(tgt, memory)}. */
    @Override
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * {@code decoder(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}.
     *
     * @see TransformerDecoderLayer#forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask) {
        checkOpen();
        Objects.requireNonNull(tgt, "TransformerDecoder: tgt is null");
        try (Scope s = Scope.open()) {
            Tensor output = tgt;
            for (Module m : layers) {
                output = ((TransformerDecoderLayer) m).forward(output, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
            }
            if (norm != null) {
                output = norm.forward(output);
            }
            return output == tgt ? output : output.keep();
        }
    }

    /** {@code decoder(tgt, memory[, tgt_mask[, memory_mask[, tgt_key_padding_mask[, memory_key_padding_mask]]]])}. */
    @Override
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length < 2 || inputs.length > 6) {
            checkOpen();
            throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got " + inputs.length);
        }
        Tensor[] a = java.util.Arrays.copyOf(inputs, 6);
        return forward(a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    /** Not a one-input module: throws, saying what it takes. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got 1");
    }

    @Override
    String arity() {
        return "2 to 6 inputs (tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)";
    }

    /** Copies of the layers and of the norm. */
    @Override
    protected Module newInstance() {
        TransformerDecoderLayer proto = numLayers == 0
                ? new TransformerDecoderLayer(1, 1, TransformerOptions.DEFAULT.withDimFeedforward(1))
                : ((TransformerDecoderLayer) layers.get(0)).deepCopy();
        try (proto) {
            return new TransformerDecoder(proto, numLayers, norm == null ? null : norm.deepCopy());
        }
    }
}
