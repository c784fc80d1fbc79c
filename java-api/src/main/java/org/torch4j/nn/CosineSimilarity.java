package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.CosineSimilarity(dim=1, eps=1e-8)}: {@code x1 . x2 / max(||x1|| * ||x2||, eps)}
 * along {@code dim}, called as {@code forward(x1, x2)}. Printed without arguments, as PyTorch prints it.
 */
public final class CosineSimilarity extends Module {
    private final long dim;
    private final double eps;

    /** {@code CosineSimilarity()}: {@code dim=1, eps=1e-8}. */
    public CosineSimilarity() {
        this(1);
    }

    /** {@code CosineSimilarity(dim)}: {@code eps=1e-8}. */
    public CosineSimilarity(long dim) {
        this(dim, 1e-8);
    }

    /** {@code CosineSimilarity(dim, eps)}. */
    public CosineSimilarity(long dim, double eps) {
        this.dim = dim;
        this.eps = eps;
    }

    /** {@code F.cosine_similarity(x1, x2, dim, eps)}; shapes that do not broadcast throw LibTorch's TorchException. */
    @Override
    public Tensor forward(Tensor x1, Tensor x2) {
        checkOpen();
        java.util.Objects.requireNonNull(x1, "CosineSimilarity: x1 is null");
        java.util.Objects.requireNonNull(x2, "CosineSimilarity: x2 is null");
        return Ops.cosineSimilarity(x1, x2, dim, eps);
    }

    @Override
    String arity() {
        return "2 inputs (x1, x2)";
    }

    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException("CosineSimilarity.forward takes 2 inputs (x1, x2), got 1");
    }

    @Override
    protected Module newInstance() {
        return new CosineSimilarity(dim, eps);
    }
}
