package org.torch4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Warnings;

/**
 * {@code torch.nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True,
 * add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False)}: attention
 * from a query sequence to a key/value sequence in {@code num_heads} parallel heads.
 * <pre>{@code
 * MultiheadAttention mha = new MultiheadAttention(8, 2);       // nn.MultiheadAttention(8, 2)
 * MultiheadAttention.Output o = mha.forward(x, x, x);          // out, weights = mha(x, x, x)
 * MultiheadAttention cross = new MultiheadAttention(8, 2,
 *         MultiheadAttention.Options.DEFAULT.withKdim(4).withVdim(5).withBatchFirst(true));
 * }</pre>
 *
 * <p>Parameters with PyTorch 1.13's names and registration order: {@code in_proj_weight}
 * {@code [3E, E]} (or {@code q_proj_weight} {@code [E, E]}, {@code k_proj_weight} {@code [E, kdim]},
 * {@code v_proj_weight} {@code [E, vdim]} when kdim or vdim differ from E), {@code in_proj_bias}
 * {@code [3E]}, {@code bias_k}/{@code bias_v} {@code [1, 1, E]} with add_bias_kv, and the submodule
 * {@code out_proj} (a {@link NonDynamicallyQuantizableLinear}). Initialised as PyTorch's constructor
 * does: {@code out_proj}'s own Linear initialisation first, then {@code _reset_parameters}
 * (xavier_uniform_ of the projection weights, zero biases, xavier_normal_ of bias_k/bias_v), so a
 * {@code manualSeed} gives PyTorch's weights.
 *
 * <p>The forward pass is a port of PyTorch 1.13's {@code F.multi_head_attention_forward}, op for op
 * (the same packed or split in-projection chosen by whether query, key and value are the same
 * object, {@code q / sqrt(head_dim)}, {@code baddbmm} with the mask, softmax, dropout, {@code bmm},
 * out-projection), so its numbers are PyTorch's composite path. LibTorch's C++
 * {@code multi_head_attention_forward} is a different algorithm (it scales q after projecting,
 * differs in the last bits) and is not used. PyTorch 1.13's fused inference fast path
 * ({@code _native_multi_head_attention}, taken in eval mode under no_grad) is not reproduced: the
 * composite path computes the same function (within about 1e-6, see AttentionParityTest).
 *
 * <p>Intermediates of a forward pass are freed when it returns; the outputs belong to the caller's
 * Scope.
 */
public final class MultiheadAttention extends Module {
    /**
     * The keyword arguments of {@code nn.MultiheadAttention}, PyTorch's defaults in {@link #DEFAULT}.
     * {@code kdim}/{@code vdim} null are PyTorch's None (= embed_dim).
     */
    public record Options(double dropout, boolean bias, boolean addBiasKv, boolean addZeroAttn, Long kdim, Long vdim,
            boolean batchFirst) {
        /** {@code dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False}. */
        public static final Options DEFAULT = new Options(0.0, true, false, false, null, null, false);

        /** {@code dropout}: dropout probability on the attention weights (training mode only). */
        public Options withDropout(double dropout) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }

        /** {@code bias}: whether the in- and out-projections have biases. */
        public Options withBias(boolean bias) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }

        /** {@code add_bias_kv}: learnable biases appended to the key and value sequences. */
        public Options withAddBiasKv(boolean addBiasKv) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }

        /** {@code add_zero_attn}: a batch of zeros appended to the key and value sequences. */
        public Options withAddZeroAttn(boolean addZeroAttn) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }

        /** {@code kdim}: features of the key; null is None (embed_dim). */
        public Options withKdim(Long kdim) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }

        /** {@code vdim}: features of the value; null is None (embed_dim). */
        public Options withVdim(Long vdim) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }

        /** {@code batch_first}: inputs and outputs are {@code [batch, seq, feature]} instead of {@code [seq, batch, feature]}. */
        public Options withBatchFirst(boolean batchFirst) {
            return new Options(dropout, bias, addBiasKv, addZeroAttn, kdim, vdim, batchFirst);
        }
    }

    /**
     * PyTorch's {@code (attn_output, attn_output_weights)}: {@code attnWeights} is null when
     * {@code need_weights=False}. Both belong to the caller's Scope; {@link #close()} closes them.
     *
     * @param attnOutput  {@code [L, N, E]} ({@code [N, L, E]} with batch_first, {@code [L, E]} unbatched)
     * @param attnWeights {@code [N, L, S]} averaged over heads, or {@code [N, num_heads, L, S]}; without N when unbatched; or null
     */
    public record Output(Tensor attnOutput, Tensor attnWeights) implements AutoCloseable {
        /** Closes both tensors. */
        @Override
        public void close() {
            attnOutput.close();
            if (attnWeights != null) {
                attnWeights.close();
            }
        }
    }

    private final long embedDim;
    private final long kdim;
    private final long vdim;
    private final boolean qkvSameEmbedDim;
    private final long numHeads;
    private final long headDim;
    private final Options options;
    private final Tensor inProjWeight;
    private final Tensor qProjWeight;
    private final Tensor kProjWeight;
    private final Tensor vProjWeight;
    private final Tensor inProjBias;
    private final NonDynamicallyQuantizableLinear outProj;
    private final Tensor biasK;
    private final Tensor biasV;

    /** {@code MultiheadAttention(embed_dim, num_heads)} with every keyword at PyTorch's default. */
    public MultiheadAttention(long embedDim, long numHeads) {
        this(embedDim, numHeads, Options.DEFAULT);
    }

    /**
     * {@code MultiheadAttention(embed_dim, num_heads, **options)}.
     *
     * @throws IllegalArgumentException if embed_dim is not positive or not divisible by num_heads, a
     *                                  kdim/vdim is not positive, or dropout is outside [0, 1]
     */
    public MultiheadAttention(long embedDim, long numHeads, Options options) {
        Objects.requireNonNull(options, "MultiheadAttention: options is null");
        this.options = options;
        this.embedDim = embedDim;
        this.kdim = options.kdim() != null ? options.kdim() : embedDim;
        this.vdim = options.vdim() != null ? options.vdim() : embedDim;
        this.numHeads = numHeads;
        if (embedDim <= 0 || numHeads <= 0 || kdim <= 0 || vdim <= 0) {
            throw new IllegalArgumentException(label() + ": embed_dim, num_heads, kdim and vdim must be positive, got kdim=" + kdim
                    + ", vdim=" + vdim);
        }
        this.headDim = embedDim / numHeads;
        if (headDim * numHeads != embedDim) {
            throw new IllegalArgumentException(label() + ": embed_dim must be divisible by num_heads");
        }
        if (!(options.dropout() >= 0 && options.dropout() <= 1)) {
            throw new IllegalArgumentException(label() + ": dropout probability has to be between 0 and 1, but got " + options.dropout());
        }
        this.qkvSameEmbedDim = kdim == embedDim && vdim == embedDim;
        try (Scope s = Scope.open()) {
            if (!qkvSameEmbedDim) {
                qProjWeight = registerParameter("q_proj_weight", Torch.empty(DType.FLOAT32, embedDim, embedDim));
                kProjWeight = registerParameter("k_proj_weight", Torch.empty(DType.FLOAT32, embedDim, kdim));
                vProjWeight = registerParameter("v_proj_weight", Torch.empty(DType.FLOAT32, embedDim, vdim));
                inProjWeight = registerParameter("in_proj_weight", null);
            } else {
                inProjWeight = registerParameter("in_proj_weight", Torch.empty(DType.FLOAT32, 3 * embedDim, embedDim));
                qProjWeight = registerParameter("q_proj_weight", null);
                kProjWeight = registerParameter("k_proj_weight", null);
                vProjWeight = registerParameter("v_proj_weight", null);
            }
            inProjBias = registerParameter("in_proj_bias", options.bias() ? Torch.empty(DType.FLOAT32, 3 * embedDim) : null);
            // Linear's own initialisation draws here, before _reset_parameters, as in PyTorch
            outProj = registerModule("out_proj", new NonDynamicallyQuantizableLinear(embedDim, embedDim, options.bias()));
            biasK = options.addBiasKv() ? registerParameter("bias_k", Torch.empty(DType.FLOAT32, 1, 1, embedDim)) : null;
            biasV = options.addBiasKv() ? registerParameter("bias_v", Torch.empty(DType.FLOAT32, 1, 1, embedDim)) : null;
        } catch (RuntimeException e) {
            close(); // what was registered before the failure (e.g. an allocation too large)
            throw e;
        }
        resetParameters();
    }

    /**
     * PyTorch's {@code _reset_parameters}: xavier_uniform_ of {@code in_proj_weight} (or of q, k,
     * v_proj_weight), zeros in {@code in_proj_bias} and {@code out_proj.bias}, xavier_normal_ of
     * {@code bias_k} and {@code bias_v}. ({@code out_proj.weight} keeps its Linear initialisation.)
     */
    public void resetParameters() {
        checkOpen();
        if (qkvSameEmbedDim) {
            init.xavierUniform_(inProjWeight);
        } else {
            init.xavierUniform_(qProjWeight);
            init.xavierUniform_(kProjWeight);
            init.xavierUniform_(vProjWeight);
        }
        if (inProjBias != null) {
            init.constant_(inProjBias, 0.);
            init.constant_(outProj.bias(), 0.);
        }
        if (biasK != null) {
            init.xavierNormal_(biasK);
        }
        if (biasV != null) {
            init.xavierNormal_(biasV);
        }
    }

    // ---------------------------------------------------------------- accessors

    /** {@code embed_dim}. */
    public long embedDim() {
        return embedDim;
    }

    /** {@code num_heads}. */
    public long numHeads() {
        return numHeads;
    }

    /** {@code head_dim} = embed_dim / num_heads. */
    public long headDim() {
        return headDim;
    }

    /** {@code kdim} (embed_dim unless given). */
    public long kdim() {
        return kdim;
    }

    /** {@code vdim} (embed_dim unless given). */
    public long vdim() {
        return vdim;
    }

    /** {@code batch_first}. */
    public boolean batchFirst() {
        return options.batchFirst();
    }

    /** {@code dropout}: the probability on the attention weights. */
    public double dropout() {
        return options.dropout();
    }

    /** The constructor's keyword arguments. */
    public Options options() {
        return options;
    }

    /** {@code in_proj_weight} {@code [3E, E]}, or null when kdim/vdim differ from embed_dim; owned by this module. */
    public Tensor inProjWeight() {
        checkOpen();
        return inProjWeight;
    }

    /** {@code q_proj_weight} {@code [E, E]}, or null when kdim = vdim = embed_dim; owned by this module. */
    public Tensor qProjWeight() {
        checkOpen();
        return qProjWeight;
    }

    /** {@code k_proj_weight} {@code [E, kdim]}, or null when kdim = vdim = embed_dim; owned by this module. */
    public Tensor kProjWeight() {
        checkOpen();
        return kProjWeight;
    }

    /** {@code v_proj_weight} {@code [E, vdim]}, or null when kdim = vdim = embed_dim; owned by this module. */
    public Tensor vProjWeight() {
        checkOpen();
        return vProjWeight;
    }

    /** {@code in_proj_bias} {@code [3E]}, or null without bias; owned by this module. */
    public Tensor inProjBias() {
        checkOpen();
        return inProjBias;
    }

    /** {@code bias_k} {@code [1, 1, E]}, or null without add_bias_kv; owned by this module. */
    public Tensor biasK() {
        checkOpen();
        return biasK;
    }

    /** {@code bias_v} {@code [1, 1, E]}, or null without add_bias_kv; owned by this module. */
    public Tensor biasV() {
        checkOpen();
        return biasV;
    }

    /** {@code out_proj}: the output projection. */
    public NonDynamicallyQuantizableLinear outProj() {
        checkOpen();
        return outProj;
    }

    // ---------------------------------------------------------------- forward

    /** {@code mha(query, key, value)}: no masks, weights averaged over heads. */
    public Output forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null, true);
    }

    /** {@code mha(query, key, value, key_padding_mask, need_weights, attn_mask)}: weights averaged over heads. */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask) {
        return forward(query, key, value, keyPaddingMask, needWeights, attnMask, true);
    }

    /**
     * {@code mha(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)}.
     * Passing the same tensor object as query, key and value (self-attention), or as key and value,
     * selects PyTorch's packed in-projection, as Python's {@code is} test does.
     *
     * @param query              {@code [L, N, E]} ({@code [N, L, E]} with batch_first), or {@code [L, E]} unbatched
     * @param key                {@code [S, N, kdim]} (batch_first {@code [N, S, kdim]}), or {@code [S, kdim]}
     * @param value              {@code [S, N, vdim]} (batch_first {@code [N, S, vdim]}), or {@code [S, vdim]}
     * @param keyPaddingMask     null, or {@code [N, S]} ({@code [S]} unbatched): bool (true = ignore that key) or float (added)
     * @param needWeights        whether to return the attention weights
     * @param attnMask           null, or {@code [L, S]} or {@code [N * num_heads, L, S]}: bool (true = not allowed
     *                           to attend), uint8 (deprecated, as bool) or float (added to the scores)
     * @param averageAttnWeights average the returned weights over the heads
     * @throws IllegalArgumentException naming this module and the shapes, for inputs or masks of the wrong
     *                                  rank, feature count, shape or dtype
     */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
            boolean averageAttnWeights) {
        checkOpen();
        Objects.requireNonNull(query, () -> label() + ": query is null");
        Objects.requireNonNull(key, () -> label() + ": key is null");
        Objects.requireNonNull(value, () -> label() + ": value is null");
        if (keyPaddingMask != null && keyPaddingMask.dtype() != DType.BOOL && !keyPaddingMask.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(label() + ": only bool and floating types of key_padding_mask are supported, got "
                    + keyPaddingMask.dtype());
        }
        boolean batched = query.dim() == 3;
        boolean transpose = options.batchFirst() && batched;
        try (Scope s = Scope.open()) {
            Tensor q = query;
            Tensor k = key;
            Tensor v = value;
            if (transpose) {
                if (key == value) {
                    if (query == key) {
                        q = k = v = query.transpose(1, 0);
                    } else {
                        q = query.transpose(1, 0);
                        k = v = key.transpose(1, 0);
                    }
                } else {
                    q = query.transpose(1, 0);
                    k = key.transpose(1, 0);
                    v = value.transpose(1, 0);
                }
            }
            Output r = attention(q, k, v, keyPaddingMask, needWeights, attnMask, averageAttnWeights);
            Tensor out = transpose ? r.attnOutput().transpose(1, 0) : r.attnOutput();
            Tensor w = r.attnWeights();
            out.keep();
            if (w != null) {
                w.keep();
            }
            return new Output(out, w);
        }
    }

    /** {@code mha(query, key, value)} as a plain module call: returns only {@code attn_output}. */
    @Override
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length != 3) {
            checkOpen();
            throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got " + inputs.length);
        }
        return forward(inputs[0], inputs[1], inputs[2], null, false, null, true).attnOutput();
    }

    /** Not a one-input module: throws, saying what it takes. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got 1");
    }

    @Override
    String arity() {
        return "3 inputs (query, key, value)";
    }

    /** PyTorch 1.13's {@code F.multi_head_attention_forward} on sequence-first inputs (static_k/v not supported). */
    private Output attention(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
            boolean averageAttnWeights) {
        boolean batched = shapeCheck(query, key, value, keyPaddingMask, attnMask);
        if (!batched) {
            // each unsqueezed separately: the packed self-attention projection is not taken (as in PyTorch)
            query = query.unsqueeze(1);
            key = key.unsqueeze(1);
            value = value.unsqueeze(1);
            if (keyPaddingMask != null) {
                keyPaddingMask = keyPaddingMask.unsqueeze(0);
            }
        }
        long[] qs = query.shape();
        long tgtLen = qs[0];
        long bsz = qs[1];
        long srcLen = key.size(0);
        if (qs[2] != embedDim) {
            throw new IllegalArgumentException(label() + ": was expecting embedding dimension of " + embedDim + ", but got " + qs[2]
                    + " (query " + Reprs.shape(qs) + ")");
        }
        if (key.size(-1) != kdim || value.size(-1) != vdim) {
            throw new IllegalArgumentException(label() + ": expected key with " + kdim + " and value with " + vdim
                    + " features, got key " + Reprs.shape(key.shape()) + ", value " + Reprs.shape(value.shape()));
        }
        if (key.size(0) != value.size(0) || key.size(1) != value.size(1)) {
            throw new IllegalArgumentException(label() + ": key's sequence and batch dims do not match value's: key "
                    + Reprs.shape(key.shape()) + ", value " + Reprs.shape(value.shape()));
        }
        if (key.size(1) != bsz) {
            throw new IllegalArgumentException(label() + ": query and key have different batch sizes: query " + Reprs.shape(qs)
                    + ", key " + Reprs.shape(key.shape()));
        }

        // in-projection
        Tensor q;
        Tensor k;
        Tensor v;
        if (qkvSameEmbedDim) {
            long e = embedDim;
            if (key == value) {
                if (query == key) {
                    List<Tensor> c = Ops.linear(query, inProjWeight, inProjBias).chunk(3, -1);
                    q = c.get(0);
                    k = c.get(1);
                    v = c.get(2);
                } else {
                    List<Tensor> w = inProjWeight.split(new long[] {e, e * 2});
                    List<Tensor> b = inProjBias == null ? null : inProjBias.split(new long[] {e, e * 2});
                    q = Ops.linear(query, w.get(0), b == null ? null : b.get(0));
                    List<Tensor> kv = Ops.linear(key, w.get(1), b == null ? null : b.get(1)).chunk(2, -1);
                    k = kv.get(0);
                    v = kv.get(1);
                }
            } else {
                List<Tensor> w = inProjWeight.chunk(3);
                List<Tensor> b = inProjBias == null ? null : inProjBias.chunk(3);
                q = Ops.linear(query, w.get(0), b == null ? null : b.get(0));
                k = Ops.linear(key, w.get(1), b == null ? null : b.get(1));
                v = Ops.linear(value, w.get(2), b == null ? null : b.get(2));
            }
        } else {
            List<Tensor> b = inProjBias == null ? null : inProjBias.chunk(3);
            q = Ops.linear(query, qProjWeight, b == null ? null : b.get(0));
            k = Ops.linear(key, kProjWeight, b == null ? null : b.get(1));
            v = Ops.linear(value, vProjWeight, b == null ? null : b.get(2));
        }

        // attention mask: bool (uint8 converted), 3-D
        if (attnMask != null) {
            if (attnMask.dtype() == DType.UINT8) {
                Warnings.once("mha byte mask", "Byte tensor for attn_mask in nn.MultiheadAttention is deprecated. Use bool tensor instead.");
                attnMask = attnMask.to(DType.BOOL);
            } else if (!attnMask.dtype().isFloatingPoint() && attnMask.dtype() != DType.BOOL) {
                throw new IllegalArgumentException(label() + ": only float, byte, and bool types are supported for attn_mask, not "
                        + attnMask.dtype());
            }
            long[] ms = attnMask.shape();
            if (ms.length == 2) {
                if (ms[0] != tgtLen || ms[1] != srcLen) {
                    throw new IllegalArgumentException(label() + ": the shape of the 2D attn_mask is " + Reprs.shape(ms)
                            + ", but should be " + Reprs.shape(new long[] {tgtLen, srcLen}));
                }
                attnMask = attnMask.unsqueeze(0);
            } else if (ms[0] != bsz * numHeads || ms[1] != tgtLen || ms[2] != srcLen) {
                throw new IllegalArgumentException(label() + ": the shape of the 3D attn_mask is " + Reprs.shape(ms) + ", but should be "
                        + Reprs.shape(new long[] {bsz * numHeads, tgtLen, srcLen}));
            }
        }

        // bias_k / bias_v along the sequence
        if (biasK != null && biasV != null) {
            k = Torch.cat(k, biasK.repeat(1, bsz, 1));
            v = Torch.cat(v, biasV.repeat(1, bsz, 1));
            if (attnMask != null) {
                attnMask = Functional.pad(attnMask, 0, 1);
            }
            if (keyPaddingMask != null) {
                keyPaddingMask = Functional.pad(keyPaddingMask, 0, 1);
            }
        }

        // heads into the batch: [N * num_heads, seq, head_dim]
        q = q.contiguous().view(tgtLen, bsz * numHeads, headDim).transpose(0, 1);
        k = k.contiguous().view(k.size(0), bsz * numHeads, headDim).transpose(0, 1);
        v = v.contiguous().view(v.size(0), bsz * numHeads, headDim).transpose(0, 1);

        if (options.addZeroAttn()) {
            k = Torch.cat(List.of(k, Torch.zeros(k.device(), k.dtype(), bsz * numHeads, 1, headDim)), 1);
            v = Torch.cat(List.of(v, Torch.zeros(v.device(), v.dtype(), bsz * numHeads, 1, headDim)), 1);
            if (attnMask != null) {
                attnMask = Functional.pad(attnMask, 0, 1);
            }
            if (keyPaddingMask != null) {
                keyPaddingMask = Functional.pad(keyPaddingMask, 0, 1);
            }
        }
        srcLen = k.size(1);

        // merge the key padding mask into the attention mask
        if (keyPaddingMask != null) {
            long[] ks = keyPaddingMask.shape();
            if (ks.length != 2 || ks[0] != bsz || ks[1] != srcLen) {
                throw new IllegalArgumentException(label() + ": expecting key_padding_mask shape of "
                        + Reprs.shape(new long[] {bsz, srcLen}) + ", but got " + Reprs.shape(ks));
            }
            keyPaddingMask = keyPaddingMask.view(bsz, 1, 1, srcLen).expand(-1, numHeads, -1, -1).reshape(bsz * numHeads, 1, srcLen);
            if (attnMask == null) {
                attnMask = keyPaddingMask;
            } else if (attnMask.dtype() == DType.BOOL) {
                attnMask = attnMask.logicalOr(keyPaddingMask);
            } else {
                attnMask = attnMask.maskedFill(keyPaddingMask, Double.NEGATIVE_INFINITY);
            }
        }
        if (attnMask != null && attnMask.dtype() == DType.BOOL) {
            Tensor m = Torch.zerosLike(attnMask, q.dtype());
            m.maskedFill_(attnMask, Double.NEGATIVE_INFINITY);
            attnMask = m;
        }
        double dropoutP = isTraining() ? options.dropout() : 0.0;

        // scores, softmax, dropout, weighted values, out-projection
        Tensor qScaled = q.div(Math.sqrt((double) q.size(2)));
        Tensor weights = attnMask != null
                ? Torch.baddbmm(attnMask, qScaled, k.transpose(-2, -1))
                : qScaled.bmm(k.transpose(-2, -1));
        weights = weights.softmax(-1);
        if (dropoutP > 0.0) {
            weights = Ops.dropout(weights, dropoutP, true);
        }
        Tensor out = weights.bmm(v);
        out = out.transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
        out = Ops.linear(out, outProj.weight(), outProj.bias());
        out = out.view(tgtLen, bsz, out.size(1));
        if (!needWeights) {
            return new Output(batched ? out : out.squeeze(1), null);
        }
        weights = weights.view(bsz, numHeads, tgtLen, srcLen);
        if (averageAttnWeights) {
            weights = weights.sum(1).div(numHeads);
        }
        if (!batched) {
            out = out.squeeze(1);
            weights = weights.squeeze(0);
        }
        return new Output(out, weights);
    }

    /** PyTorch's {@code _mha_shape_check}, with messages naming this module and the shapes; true if batched. */
    private boolean shapeCheck(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask) {
        int qd = query.dim();
        if (qd == 3) {
            if (key.dim() != 3 || value.dim() != 3) {
                throw new IllegalArgumentException(label() + ": for batched (3-D) query " + Reprs.shape(query.shape())
                        + ", expected key and value to be 3-D but found key " + Reprs.shape(key.shape()) + " and value "
                        + Reprs.shape(value.shape()));
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 2) {
                throw new IllegalArgumentException(label() + ": for batched (3-D) query, expected key_padding_mask to be null or 2-D but got "
                        + Reprs.shape(keyPaddingMask.shape()));
            }
            if (attnMask != null && attnMask.dim() != 2 && attnMask.dim() != 3) {
                throw new IllegalArgumentException(label() + ": for batched (3-D) query, expected attn_mask to be null, 2-D or 3-D but got "
                        + Reprs.shape(attnMask.shape()));
            }
            return true;
        }
        if (qd == 2) {
            if (key.dim() != 2 || value.dim() != 2) {
                throw new IllegalArgumentException(label() + ": for unbatched (2-D) query " + Reprs.shape(query.shape())
                        + ", expected key and value to be 2-D but found key " + Reprs.shape(key.shape()) + " and value "
                        + Reprs.shape(value.shape()));
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 1) {
                throw new IllegalArgumentException(label() + ": for unbatched (2-D) query, expected key_padding_mask to be null or 1-D but got "
                        + Reprs.shape(keyPaddingMask.shape()));
            }
            if (attnMask != null) {
                if (attnMask.dim() != 2 && attnMask.dim() != 3) {
                    throw new IllegalArgumentException(label() + ": for unbatched (2-D) query, expected attn_mask to be null, 2-D or 3-D but got "
                            + Reprs.shape(attnMask.shape()));
                }
                long[] want = {numHeads, query.size(0), key.size(0)};
                if (attnMask.dim() == 3 && !Arrays.equals(attnMask.shape(), want)) {
                    throw new IllegalArgumentException(label() + ": expected attn_mask shape to be " + Reprs.shape(want) + " but got "
                            + Reprs.shape(attnMask.shape()));
                }
            }
            return false;
        }
        throw new IllegalArgumentException(label() + ": query should be unbatched 2D or batched 3D tensor but received "
                + Reprs.shape(query.shape()));
    }

    private String label() {
        return "MultiheadAttention(embed_dim=" + embedDim + ", num_heads=" + numHeads + ")";
    }

    @Override
    protected Module newInstance() {
        return new MultiheadAttention(embedDim, numHeads, options);
    }
}
