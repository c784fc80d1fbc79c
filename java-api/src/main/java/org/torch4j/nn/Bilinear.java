package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.Bilinear(in1_features, in2_features, out_features, bias=True)}:
 * {@code y = x1^T A x2 + b}, weight {@code [out, in1, in2]}, called as {@code forward(x1, x2)}.
 * Initialised as PyTorch: weight, then bias, from U(-1/sqrt(in1), 1/sqrt(in1)).
 */
public final class Bilinear extends Module {
    private final long in1Features;
    private final long in2Features;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code Bilinear(in1_features, in2_features, out_features)} with a bias. */
    public Bilinear(long in1Features, long in2Features, long outFeatures) {
        this(in1Features, in2Features, outFeatures, true);
    }

    /** {@code Bilinear(in1_features, in2_features, out_features, bias)}. */
    public Bilinear(long in1Features, long in2Features, long outFeatures, boolean bias) {
        this.in1Features = in1Features;
        this.in2Features = in2Features;
        this.outFeatures = outFeatures;
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", Torch.empty(DType.FLOAT32, outFeatures, in1Features, in2Features));
            this.bias = registerParameter("bias", bias ? Torch.empty(DType.FLOAT32, outFeatures) : null);
        }
        resetParameters();
    }

    /** PyTorch's {@code reset_parameters}: bound = 1/sqrt(in1_features); weight then bias from U(-bound, bound). */
    public void resetParameters() {
        double bound = 1 / Math.sqrt((double) weight.size(1));
        init.uniform_(weight, -bound, bound);
        if (bias != null) {
            init.uniform_(bias, -bound, bound);
        }
    }

    /** The learnable {@code weight} of shape {@code [out_features, in1_features, in2_features]}. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** The learnable {@code bias} of shape {@code [out_features]}, or null without bias. */
    public Tensor bias() {
        checkOpen();
        return bias;
    }

    /** {@code F.bilinear(input1, input2, weight, bias)}. */
    @Override
    public Tensor forward(Tensor input1, Tensor input2) {
        checkOpen();
        return Ops.bilinear(input1, input2, weight, bias);
    }

    @Override
    String arity() {
        return "2 inputs (input1, input2)";
    }

    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new IllegalArgumentException("Bilinear.forward takes 2 inputs (input1, input2), got 1");
    }

    @Override
    protected Module newInstance() {
        return new Bilinear(in1Features, in2Features, outFeatures, bias != null);
    }

    @Override
    protected String extraRepr() {
        return "in1_features=" + in1Features + ", in2_features=" + in2Features + ", out_features=" + outFeatures + ", bias="
                + Reprs.b(bias != null);
    }
}
