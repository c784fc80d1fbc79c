package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6,
 * dim_feedforward=2048, dropout=0.1, activation="relu", layer_norm_eps=1e-5, batch_first=False,
 * norm_first=False)}: a {@link TransformerEncoder} ({@code encoder}, with a final LayerNorm) and a
 * {@link TransformerDecoder} ({@code decoder}, likewise). Built in PyTorch's order — encoder layer,
 * its norm, decoder layer, its norm — and then, as PyTorch's {@code _reset_parameters},
 * {@code xavier_uniform_} of every parameter with more than one dimension, so a {@code manualSeed}
 * gives PyTorch's weights. {@code custom_encoder}/{@code custom_decoder} are not supported.
 */
public final class Transformer extends Module {
    private final long dModel;
    private final long nhead;
    private final int numEncoderLayers;
    private final int numDecoderLayers;
    private final TransformerOptions options;
    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;

    /** {@code Transformer()}: d_model=512, nhead=8, 6 encoder and 6 decoder layers, PyTorch's defaults. */
    public Transformer() {
        this(512, 8, 6, 6, TransformerOptions.DEFAULT);
    }

    /** {@code Transformer(d_model, nhead, num_encoder_layers, num_decoder_layers, **options)}. */
    public Transformer(long dModel, long nhead, int numEncoderLayers, int numDecoderLayers, TransformerOptions options) {
        Objects.requireNonNull(options, "Transformer: options is null");
        this.dModel = dModel;
        this.nhead = nhead;
        this.numEncoderLayers = numEncoderLayers;
        this.numDecoderLayers = numDecoderLayers;
        this.options = options;
        try {
            try (TransformerEncoderLayer encoderLayer = new TransformerEncoderLayer(dModel, nhead, options)) {
                LayerNorm encoderNorm = new LayerNorm(new long[] {dModel}, options.layerNormEps(), true);
                encoder = registerModule("encoder", new TransformerEncoder(encoderLayer, numEncoderLayers, encoderNorm));
            }
            try (TransformerDecoderLayer decoderLayer = new TransformerDecoderLayer(dModel, nhead, options)) {
                LayerNorm decoderNorm = new LayerNorm(new long[] {dModel}, options.layerNormEps(), true);
                decoder = registerModule("decoder", new TransformerDecoder(decoderLayer, numDecoderLayers, decoderNorm));
            }
            resetParameters();
        } catch (RuntimeException e) {
            close(); // the encoder built before the failure
            throw e;
        }
    }

    /** PyTorch's {@code _reset_parameters}: {@code xavier_uniform_} of every parameter with more than one dimension, in order. */
    public void resetParameters() {
        for (Tensor p : parameters()) {
            if (p.dim() > 1) {
                init.xavierUniform_(p);
            }
        }
    }

    /** {@code encoder}. */
    public TransformerEncoder encoder() {
        checkOpen();
        return encoder;
    }

    /** {@code decoder}. */
    public TransformerDecoder decoder() {
        checkOpen();
        return decoder;
    }

    /** {@code d_model}. */
    public long dModel() {
        return dModel;
    }

    /** {@code nhead}. */
    public long nhead() {
        return nhead;
    }

    /** {@code batch_first}. */
    public boolean batchFirst() {
        return options.batchFirst();
    }

    /**
     * {@code Transformer.generate_square_subsequent_mask(sz)}: the causal float mask, {@code -inf}
     * above the diagonal and 0 elsewhere ({@code [sz, sz]}, in the current Scope).
     */
    public static Tensor generateSquareSubsequentMask(long sz) {
        try (Scope s = Scope.open()) {
            return Torch.full(new long[] {sz, sz}, Double.NEGATIVE_INFINITY).triu(1).keep();
        }
    }

    /** {@code transformer(src, tgt)}. */
    @Override
    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    /**
     * {@code transformer(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask,
     * tgt_key_padding_mask, memory_key_padding_mask)}: the encoder on {@code src}, then the decoder on
     * {@code tgt} with the encoder's output as memory. Masks may be null.
     *
     * @throws IllegalArgumentException if src and tgt have different batch sizes or a feature count other than d_model
     */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask, Tensor srcKeyPaddingMask,
            Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        checkOpen();
        Objects.requireNonNull(src, "Transformer: src is null");
        Objects.requireNonNull(tgt, "Transformer: tgt is null");
        boolean batched = src.dim() == 3;
        int b = options.batchFirst() ? 0 : 1;
        if (batched && (tgt.dim() != 3 || src.size(b) != tgt.size(b))) {
            throw new IllegalArgumentException("Transformer(d_model=" + dModel + "): the batch number of src and tgt must be equal, got src "
                    + Reprs.shape(src.shape()) + ", tgt " + Reprs.shape(tgt.shape()) + (options.batchFirst() ? " (batch_first)" : ""));
        }
        if (src.size(-1) != dModel || tgt.size(-1) != dModel) {
            throw new IllegalArgumentException("Transformer(d_model=" + dModel + "): the feature number of src and tgt must be equal to d_model, got src "
                    + Reprs.shape(src.shape()) + ", tgt " + Reprs.shape(tgt.shape()));
        }
        try (Scope s = Scope.open()) {
            Tensor memory = encoder.forward(src, srcMask, srcKeyPaddingMask);
            return decoder.forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask).keep();
        }
    }

    /** {@code transformer(src, tgt[, src_mask, …, memory_key_padding_mask])}: 2 to 8 inputs, nulls allowed for the masks. */
    @Override
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length < 2 || inputs.length > 8) {
            checkOpen();
            throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got " + inputs.length);
        }
        Tensor[] a = java.util.Arrays.copyOf(inputs, 8);
        return forward(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }

    /** Not a one-input module: throws, saying what it takes. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got 1");
    }

    @Override
    String arity() {
        return "2 to 8 inputs (src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask, "
                + "memory_key_padding_mask)";
    }

    @Override
    protected Module newInstance() {
        return new Transformer(dModel, nhead, numEncoderLayers, numDecoderLayers, options);
    }
}
