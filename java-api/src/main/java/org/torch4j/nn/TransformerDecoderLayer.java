package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
 * activation="relu", layer_norm_eps=1e-5, batch_first=False, norm_first=False)}: self-attention
 * over the target, attention from the target to the encoder's output ({@code memory}), and a
 * feed-forward network, each with a residual connection and a LayerNorm. Submodules with PyTorch's
 * names and order: {@code self_attn}, {@code multihead_attn}, {@code linear1}, {@code dropout},
 * {@code linear2}, {@code norm1}, {@code norm2}, {@code norm3}, {@code dropout1}, {@code dropout2},
 * {@code dropout3}. The forward pass is PyTorch 1.13's; intermediates are freed when it returns.
 */
public final class TransformerDecoderLayer extends Module {
    private final long dModel;
    private final long nhead;
    private final TransformerOptions options;
    private final MultiheadAttention selfAttn;
    private final MultiheadAttention multiheadAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Dropout dropout3;

    /** {@code TransformerDecoderLayer(d_model, nhead)} with PyTorch's defaults. */
    public TransformerDecoderLayer(long dModel, long nhead) {
        this(dModel, nhead, TransformerOptions.DEFAULT);
    }

    /** {@code TransformerDecoderLayer(d_model, nhead, **options)}. */
    public TransformerDecoderLayer(long dModel, long nhead, TransformerOptions options) {
        Objects.requireNonNull(options, "TransformerDecoderLayer: options is null");
        this.dModel = dModel;
        this.nhead = nhead;
        this.options = options;
        try {
            MultiheadAttention.Options mha = MultiheadAttention.Options.DEFAULT.withDropout(options.dropout()).withBatchFirst(options.batchFirst());
            selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, mha));
            multiheadAttn = registerModule("multihead_attn", new MultiheadAttention(dModel, nhead, mha));
            linear1 = registerModule("linear1", new Linear(dModel, options.dimFeedforward()));
            dropout = registerModule("dropout", new Dropout(options.dropout()));
            linear2 = registerModule("linear2", new Linear(options.dimFeedforward(), dModel));
            norm1 = registerModule("norm1", new LayerNorm(new long[] {dModel}, options.layerNormEps(), true));
            norm2 = registerModule("norm2", new LayerNorm(new long[] {dModel}, options.layerNormEps(), true));
            norm3 = registerModule("norm3", new LayerNorm(new long[] {dModel}, options.layerNormEps(), true));
            dropout1 = registerModule("dropout1", new Dropout(options.dropout()));
            dropout2 = registerModule("dropout2", new Dropout(options.dropout()));
            dropout3 = registerModule("dropout3", new Dropout(options.dropout()));
        } catch (RuntimeException e) {
            close(); // the submodules built before the failure
            throw e;
        }
    }

    /** {@code d_model}. */
    public long dModel() {
        return dModel;
    }

    /** {@code nhead}. */
    public long nhead() {
        return nhead;
    }

    /** The constructor's keyword arguments. */
    public TransformerOptions options() {
        return options;
    }

    /** {@code self_attn}: attention of the target to itself. */
    public MultiheadAttention selfAttn() {
        checkOpen();
        return selfAttn;
    }

    /** {@code multihead_attn}: attention of the target to the memory. */
    public MultiheadAttention multiheadAttn() {
        checkOpen();
        return multiheadAttn;
    }

    /** {@code layer(tgt, memory)}. */
    @Override
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * {@code layer(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}.
     *
     * @param tgt                   {@code [T, N, E]} ({@code [N, T, E]} with batch_first) or {@code [T, E]}
     * @param memory                {@code [S, N, E]} ({@code [N, S, E]} with batch_first) or {@code [S, E]}
     * @param tgtMask               null, or {@code [T, T]} / {@code [N * nhead, T, T]}, bool or float
     * @param memoryMask            null, or {@code [T, S]} / {@code [N * nhead, T, S]}, bool or float
     * @param tgtKeyPaddingMask     null, or {@code [N, T]}, bool or float
     * @param memoryKeyPaddingMask  null, or {@code [N, S]}, bool or float
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask) {
        checkOpen();
        Objects.requireNonNull(tgt, "TransformerDecoderLayer: tgt is null");
        Objects.requireNonNull(memory, "TransformerDecoderLayer: memory is null");
        TransformerEncoderLayer.checkFeatures("TransformerDecoderLayer", "tgt", tgt, dModel);
        TransformerEncoderLayer.checkFeatures("TransformerDecoderLayer", "memory", memory, dModel);
        try (Scope s = Scope.open()) {
            Tensor x = tgt;
            if (options.normFirst()) {
                x = x.add(saBlock(norm1.forward(x), tgtMask, tgtKeyPaddingMask));
                x = x.add(mhaBlock(norm2.forward(x), memory, memoryMask, memoryKeyPaddingMask));
                x = x.add(ffBlock(norm3.forward(x)));
            } else {
                x = norm1.forward(x.add(saBlock(x, tgtMask, tgtKeyPaddingMask)));
                x = norm2.forward(x.add(mhaBlock(x, memory, memoryMask, memoryKeyPaddingMask)));
                x = norm3.forward(x.add(ffBlock(x)));
            }
            return x.keep();
        }
    }

    /** {@code layer(tgt, memory[, tgt_mask[, memory_mask[, tgt_key_padding_mask[, memory_key_padding_mask]]]])}; nulls allowed for the masks. */
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

    private Tensor saBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask) {
        return dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, false, attnMask).attnOutput());
    }

    private Tensor mhaBlock(Tensor x, Tensor mem, Tensor attnMask, Tensor keyPaddingMask) {
        return dropout2.forward(multiheadAttn.forward(x, mem, mem, keyPaddingMask, false, attnMask).attnOutput());
    }

    private Tensor ffBlock(Tensor x) {
        return dropout3.forward(linear2.forward(dropout.forward(TransformerEncoderLayer.activation(options.activation(), linear1.forward(x)))));
    }

    @Override
    protected Module newInstance() {
        return new TransformerDecoderLayer(dModel, nhead, options);
    }
}
