package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None,
 * norm_type=2.0, scale_grad_by_freq=False, sparse=False)}: a lookup table
 * {@code weight [num_embeddings, embedding_dim]} initialised from N(0, 1), with the
 * {@code padding_idx} row zeroed (and given no gradient). With {@code max_norm}, each forward
 * first renormalises, in place and without autograd, the looked-up rows whose {@code norm_type}-norm
 * exceeds it ({@code torch.embedding_renorm_}, as PyTorch's {@code F.embedding}); with
 * {@code scale_grad_by_freq} the gradient of a row is divided by how often its index occurs in the
 * batch; with {@code sparse} the weight's gradient is a sparse tensor (only optimizers that take
 * sparse gradients, such as SGD, can step it).
 * <pre>{@code
 * new Embedding(10, 3, new Embedding.Options().withPaddingIdx(0L).withMaxNorm(1.0))  // Embedding(10, 3, padding_idx=0, max_norm=1.0)
 * }</pre>
 */
public final class Embedding extends Module {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final Long paddingIdx;
    private final Options options;
    private final Tensor weight;

    /**
     * The keyword arguments of {@code nn.Embedding}, with PyTorch's defaults ({@code padding_idx=None,
     * max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False}); null is None.
     * Immutable; {@code with…} returns a changed copy.
     */
    public record Options(Long paddingIdx, Double maxNorm, double normType, boolean scaleGradByFreq, boolean sparse) {
        /** PyTorch's defaults. */
        public static final Options DEFAULT = new Options();

        /** Every option at PyTorch's default. */
        public Options() {
            this(null, null, 2.0, false, false);
        }

        /** {@code padding_idx}: this row is zero and gets no gradient; negative counts from the end; null is None. */
        public Options withPaddingIdx(Long paddingIdx) {
            return new Options(paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
        }

        /** {@code max_norm}: looked-up rows with a larger norm are renormalised to it; null is None. */
        public Options withMaxNorm(Double maxNorm) {
            return new Options(paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
        }

        /** {@code norm_type}: the p of the p-norm {@code max_norm} bounds (PyTorch's default 2). */
        public Options withNormType(double normType) {
            return new Options(paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
        }

        /** {@code scale_grad_by_freq}: scale gradients by the inverse frequency of the indices in the batch. */
        public Options withScaleGradByFreq(boolean scaleGradByFreq) {
            return new Options(paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
        }

        /** {@code sparse}: the weight's gradient is a sparse tensor. */
        public Options withSparse(boolean sparse) {
            return new Options(paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
        }
    }

    /** {@code Embedding(num_embeddings, embedding_dim)} without a padding index. */
    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, Options.DEFAULT);
    }

    /** {@code Embedding(num, dim, padding_idx)}; a negative index counts from the end, null is None. */
    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx) {
        this(numEmbeddings, embeddingDim, Options.DEFAULT.withPaddingIdx(paddingIdx));
    }

    /** {@code Embedding(num, dim, **options)}. */
    public Embedding(long numEmbeddings, long embeddingDim, Options options) {
        java.util.Objects.requireNonNull(options, "Embedding: options");
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = normalizePaddingIdx("Embedding", options.paddingIdx(), numEmbeddings);
        this.options = options;
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

    /** The options given at construction (padding index as given, before a negative one is counted from the end). */
    public Options options() {
        return options;
    }

    /**
     * {@code F.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)}:
     * rows of {@code weight} for the int64 indices of {@code input}; with {@code max_norm}, those rows
     * are first renormalised in place.
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Embedding: input is null");
        if (options.maxNorm() != null) {
            // F.embedding: input = input.contiguous(); with torch.no_grad(): torch.embedding_renorm_(weight, input, max_norm, norm_type)
            try (Scope s = Scope.open(); var g = org.torch4j.autograd.Grad.noGrad()) {
                Torch.embeddingRenorm_(weight, input.contiguous(), options.maxNorm(), options.normType());
            }
        }
        return Ops.embedding(weight, input, paddingIdx == null ? -1 : paddingIdx, options.scaleGradByFreq(), options.sparse());
    }

    @Override
    protected Module newInstance() {
        return new Embedding(numEmbeddings, embeddingDim, options);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx)
                + (options.maxNorm() == null ? "" : ", max_norm=" + Reprs.f(options.maxNorm()))
                + (options.normType() == 2 ? "" : ", norm_type=" + Reprs.f(options.normType()))
                + (options.scaleGradByFreq() ? ", scale_grad_by_freq=True" : "")
                + (options.sparse() ? ", sparse=True" : "");
    }
}
