package org.torch4j.nn;

import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True)}: normalises
 * over the last {@code normalized_shape.length} dimensions; {@code weight} ones and {@code bias}
 * zeros of shape {@code normalized_shape}.
 */
public final class LayerNorm extends Module {
    private final long[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code LayerNorm(normalized_shape)}. */
    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** {@code LayerNorm(normalized_shape, eps, elementwise_affine)}. */
    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", elementwiseAffine ? Torch.ones(normalizedShape) : null);
            bias = registerParameter("bias", elementwiseAffine ? Torch.zeros(normalizedShape) : null);
        }
    }

    /** {@code reset_parameters()}: weight ones, bias zeros. */
    public void resetParameters() {
        if (elementwiseAffine) {
            init.ones_(weight);
            init.zeros_(bias);
        }
    }

    /** The learnable {@code weight} of shape {@code normalized_shape} (initially ones), or null without elementwise affine. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** The learnable {@code bias} of shape {@code normalized_shape} (initially zeros), or null without elementwise affine. */
    public Tensor bias() {
        checkOpen();
        return bias;
    }

    /** {@code F.layer_norm(input, normalized_shape, weight, bias, eps)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "LayerNorm: input is null");
        long[] s = input.shape();
        int k = normalizedShape.length;
        boolean ok = s.length >= k;
        for (int i = 0; ok && i < k; i++) {
            ok = s[s.length - k + i] == normalizedShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("LayerNorm(" + Reprs.tuple(normalizedShape) + "): expected input with shape [*, "
                    + Reprs.shape(normalizedShape).substring(1) + ", got " + Reprs.shape(s));
        }
        return Ops.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    protected Module newInstance() {
        return new LayerNorm(normalizedShape, eps, elementwiseAffine);
    }

    @Override
    protected String extraRepr() {
        return Reprs.tuple(normalizedShape) + ", eps=" + Reprs.f(eps) + ", elementwise_affine=" + Reprs.b(elementwiseAffine);
    }
}
