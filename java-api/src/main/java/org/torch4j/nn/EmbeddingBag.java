package org.torch4j.nn;

import org.bytedeco.pytorch.LongOptional;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.EmbeddingBag(num_embeddings, embedding_dim, mode='mean',
 * include_last_offset=False, padding_idx=None)}: sums, averages or takes the max of the embeddings
 * of each bag. Called with a 2-D input (each row a bag) or a 1-D input and {@code offsets}
 * ({@code forward(input, offsets)}). {@code max_norm}, {@code sparse}, {@code scale_grad_by_freq}
 * and {@code per_sample_weights} are not supported yet.
 */
public final class EmbeddingBag extends Module {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final String mode;
    private final boolean includeLastOffset;
    private final Long paddingIdx;
    private final Tensor weight;

    /** {@code EmbeddingBag(num_embeddings, embedding_dim)}: {@code mode='mean'}. */
    public EmbeddingBag(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, "mean", false, null);
    }

    /** {@code EmbeddingBag(num_embeddings, embedding_dim, mode)}; {@code mode} is {@code "sum"}, {@code "mean"} or {@code "max"}. */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, String mode) {
        this(numEmbeddings, embeddingDim, mode, false, null);
    }

    /** {@code mode} is {@code "sum"}, {@code "mean"} or {@code "max"}. */
    public EmbeddingBag(long numEmbeddings, long embeddingDim, String mode, boolean includeLastOffset, Long paddingIdx) {
        if (!"sum".equals(mode) && !"mean".equals(mode) && !"max".equals(mode)) {
            throw new IllegalArgumentException("EmbeddingBag: mode has to be one of sum, mean or max, got " + mode);
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.mode = mode;
        this.includeLastOffset = includeLastOffset;
        this.paddingIdx = Embedding.normalizePaddingIdx("EmbeddingBag", paddingIdx, numEmbeddings);
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", Torch.empty(DType.FLOAT32, numEmbeddings, embeddingDim));
        }
        resetParameters();
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

    /** A 2-D input: each row is one bag. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "EmbeddingBag: input is null");
        if (input.dim() != 2) {
            throw new IllegalArgumentException("EmbeddingBag(" + numEmbeddings + ", " + embeddingDim
                    + "): a 1D input needs offsets (forward(input, offsets)); got input " + Reprs.shape(input.shape()));
        }
        try (Scope s = Scope.open()) {
            Tensor offsets = Torch.arange(0, input.numel()).reshape(input.size(0), input.size(1)).select(1, 0).contiguous();
            return bag(input.reshape(-1), offsets).keep();
        }
    }

    /** A 1-D input of concatenated bags starting at {@code offsets}. */
    @Override
    public Tensor forward(Tensor input, Tensor offsets) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "EmbeddingBag: input is null");
        if (input.dim() != 1 || offsets == null || offsets.dim() != 1) {
            throw new IllegalArgumentException("EmbeddingBag(" + numEmbeddings + ", " + embeddingDim
                    + "): forward(input, offsets) takes 1D input and 1D offsets, got " + Reprs.shape(input.shape()) + " and "
                    + (offsets == null ? "null" : Reprs.shape(offsets.shape())));
        }
        return bag(input, offsets);
    }

    private Tensor bag(Tensor input, Tensor offsets) {
        long m = "sum".equals(mode) ? 0 : "mean".equals(mode) ? 1 : 2;
        if (paddingIdx == null) { // nullopt: LibTorch 2.10 would read PyTorch 1.13's -1 as the last row
            return Ops.embeddingBag(weight, input, offsets, false, m, false, null, includeLastOffset, Ops.NO_LONG);
        }
        try (LongOptional p = new LongOptional(paddingIdx)) {
            return Ops.embeddingBag(weight, input, offsets, false, m, false, null, includeLastOffset, p);
        }
    }

    @Override
    String arity() {
        return "1 or 2 inputs (input[, offsets])";
    }

    @Override
    protected Module newInstance() {
        return new EmbeddingBag(numEmbeddings, embeddingDim, mode, includeLastOffset, paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + ", mode=" + mode + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
