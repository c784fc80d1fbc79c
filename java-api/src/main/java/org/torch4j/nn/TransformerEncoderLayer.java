package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
 * activation="relu", layer_norm_eps=1e-5, batch_first=False, norm_first=False)}: self-attention
 * and a feed-forward network, each with a residual connection and a LayerNorm (after the block, or
 * before it with norm_first). Submodules with PyTorch's names and order: {@code self_attn},
 * {@code linear1}, {@code dropout}, {@code linear2}, {@code norm1}, {@code norm2}, {@code dropout1},
 * {@code dropout2}; they draw their initial values in that order, as in PyTorch.
 *
 * <p>The forward pass is PyTorch 1.13's composite path; its fused inference fast path
 * ({@code _transformer_encoder_layer_fwd}, eval mode under no_grad) is not reproduced and computes the
 * same function. Intermediates are freed when forward returns; the output is the caller's Scope's.
 */
public final class TransformerEncoderLayer extends Module {
    private final long dModel;
    private final long nhead;
    private final TransformerOptions options;
    private final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    /** {@code TransformerEncoderLayer(d_model, nhead)} with PyTorch's defaults. */
    public TransformerEncoderLayer(long dModel, long nhead) {
        this(dModel, nhead, TransformerOptions.DEFAULT);
    }

    /** {@code TransformerEncoderLayer(d_model, nhead, **options)}. */
    public TransformerEncoderLayer(long dModel, long nhead, TransformerOptions options) {
        Objects.requireNonNull(options, "TransformerEncoderLayer: options is null");
        this.dModel = dModel;
        this.nhead = nhead;
        this.options = options;
        try {
            selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead,
                    MultiheadAttention.Options.DEFAULT.withDropout(options.dropout()).withBatchFirst(options.batchFirst())));
            linear1 = registerModule("linear1", new Linear(dModel, options.dimFeedforward()));
            dropout = registerModule("dropout", new Dropout(options.dropout()));
            linear2 = registerModule("linear2", new Linear(options.dimFeedforward(), dModel));
            norm1 = registerModule("norm1", new LayerNorm(new long[] {dModel}, options.layerNormEps(), true));
            norm2 = registerModule("norm2", new LayerNorm(new long[] {dModel}, options.layerNormEps(), true));
            dropout1 = registerModule("dropout1", new Dropout(options.dropout()));
            dropout2 = registerModule("dropout2", new Dropout(options.dropout()));
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

    /** {@code self_attn}. */
    public MultiheadAttention selfAttn() {
        checkOpen();
        return selfAttn;
    }

    /** {@code linear1}: d_model to dim_feedforward. */
    public Linear linear1() {
        checkOpen();
        return linear1;
    }

    /** {@code linear2}: dim_feedforward to d_model. */
    public Linear linear2() {
        checkOpen();
        return linear2;
    }

    /** {@code norm1}. */
    public LayerNorm norm1() {
        checkOpen();
        return norm1;
    }

    /** {@code norm2}. */
    public LayerNorm norm2() {
        checkOpen();
        return norm2;
    }

    /** {@code layer(src)}. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * {@code layer(src, src_mask, src_key_padding_mask)}.
     *
     * @param src               {@code [S, N, E]} ({@code [N, S, E]} with batch_first) or {@code [S, E]}
     * @param srcMask           null, or {@code [S, S]} / {@code [N * nhead, S, S]}, bool or float (see {@link MultiheadAttention})
     * @param srcKeyPaddingMask null, or {@code [N, S]} ({@code [S]} unbatched), bool or float
     */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        checkOpen();
        Objects.requireNonNull(src, "TransformerEncoderLayer: src is null");
        checkPaddingMask(srcKeyPaddingMask, "TransformerEncoderLayer", "src_key_padding_mask");
        checkFeatures("TransformerEncoderLayer", "src", src, dModel);
        try (Scope s = Scope.open()) {
            Tensor x = src;
            if (options.normFirst()) {
                x = x.add(saBlock(norm1.forward(x), srcMask, srcKeyPaddingMask));
                x = x.add(ffBlock(norm2.forward(x)));
            } else {
                x = norm1.forward(x.add(saBlock(x, srcMask, srcKeyPaddingMask)));
                x = norm2.forward(x.add(ffBlock(x)));
            }
            return x.keep();
        }
    }

    /** {@code layer(src)}, {@code layer(src, src_mask)} or {@code layer(src, src_mask, src_key_padding_mask)}; nulls allowed for the masks. */
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
    public Tensor forward(Tensor src, Tensor srcMask) {
        return forward(src, srcMask, null);
    }

    @Override
    String arity() {
        return "1 to 3 inputs (src, src_mask, src_key_padding_mask)";
    }

    private Tensor saBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask) {
        return dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, false, attnMask).attnOutput());
    }

    private Tensor ffBlock(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(activation(options.activation(), linear1.forward(x)))));
    }

    /** {@code F.relu} or {@code F.gelu}. */
    static Tensor activation(String name, Tensor x) {
        return name.equals("gelu") ? Ops.gelu(x, "none") : x.relu();
    }

    /** PyTorch's check that a key padding mask is bool or floating. */
    static void checkPaddingMask(Tensor mask, String module, String name) {
        if (mask != null && mask.dtype() != DType.BOOL && !mask.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(module + ": only bool and floating types of " + name + " are supported, got "
                    + mask.dtype() + Reprs.shape(mask.shape()));
        }
    }

    /** Throws unless {@code x} is 2-D or 3-D with {@code dModel} features, naming the module and the shape. */
    static void checkFeatures(String module, String name, Tensor x, long dModel) {
        long[] s = x.shape();
        if ((s.length != 2 && s.length != 3) || s[s.length - 1] != dModel) {
            throw new IllegalArgumentException(module + "(d_model=" + dModel + "): expected " + name + " of shape [S, N, " + dModel + "], [N, S, "
                    + dModel + "] or [S, " + dModel + "], got " + Reprs.shape(s));
        }
    }

    @Override
    protected Module newInstance() {
        return new TransformerEncoderLayer(dModel, nhead, options);
    }
}
