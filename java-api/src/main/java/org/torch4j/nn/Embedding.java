package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=None)}: a lookup table
 * {@code weight [num_embeddings, embedding_dim]} initialised from N(0, 1), with the
 * {@code padding_idx} row zeroed (and given no gradient). {@code max_norm}, {@code sparse} and
 * {@code scale_grad_by_freq} are not supported yet.
 */
public final class Embedding extends Module {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final Long paddingIdx;
    private final Tensor weight;

    /** {@code Embedding(num_embeddings, embedding_dim)} without a padding index. */
    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /** {@code Embedding(num, dim, padding_idx)}; a negative index counts from the end, null is None. */
    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = normalizePaddingIdx("Embedding", paddingIdx, numEmbeddings);
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", Torch.empty(DType.FLOAT32, numEmbeddings, embeddingDim));
        }
        resetParameters();
    }

    static Long normalizePaddingIdx(String name, Long paddingIdx, long numEmbeddings) {
        if (paddingIdx == null) {
            return null;
        }
        if (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
            throw new IllegalArgumentException(name + ": padding_idx must be within num_embeddings (" + numEmbeddings + "), got "
                    + paddingIdx);
        }
        return paddingIdx < 0 ? numEmbeddings + paddingIdx : paddingIdx;
    }

    /** {@code reset_parameters()}: weight from N(0, 1), then the padding row zeroed. */
    public void resetParameters() {
        init.normal_(weight);
        if (paddingIdx != null) {
            try (Scope s = Scope.open(); var g = org.torch4j.autograd.Grad.noGrad()) {
                weight.select(0, paddingIdx).fill_(0);
            }
        }
    }

    /** The learnable {@code weight} of shape {@code [num_embeddings, embedding_dim]}. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** {@code F.embedding(input, weight, padding_idx)}: rows of {@code weight} for the int64 indices of {@code input}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return Ops.embedding(weight, input, paddingIdx == null ? -1 : paddingIdx, false, false);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
