package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.Linear(in_features, out_features, bias=True)}: {@code y = x W^T + b}.
 *
 * <p>Initialised as PyTorch 1.13's {@code reset_parameters}: {@code init.kaiming_uniform_(weight,
 * a=sqrt(5))}, then the bias from U(-1/sqrt(in_features), 1/sqrt(in_features)) — the same draws
 * from the default generator in the same order, so after the same {@code manualSeed} they are the
 * same numbers. {@link #forward} calls {@code at::linear}, as Python's {@code F.linear} does.
 *
 * <p>Open for {@link NonDynamicallyQuantizableLinear} (PyTorch's subclass that MultiheadAttention uses,
 * printed under its own name); not meant to be subclassed otherwise.
 */
public class Linear extends Module {
    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code Linear(inFeatures, outFeatures)} with a bias. */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** {@code nn.Linear(in_features, out_features, bias=bias)}, initialised as PyTorch does. */
    public Linear(long inFeatures, long outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: feature counts must be >= 0, got in_features=" + inFeatures
                    + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        try (Scope s = Scope.open()) {
            this.weight = registerParameter("weight", Torch.empty(DType.FLOAT32, outFeatures, inFeatures));
            this.bias = registerParameter("bias", bias ? Torch.empty(DType.FLOAT32, outFeatures) : null);
        }
        resetParameters();
    }

    /**
     * PyTorch's {@code reset_parameters}: {@code kaiming_uniform_(weight, a=sqrt(5))}, then
     * {@code uniform_(bias, -bound, bound)} with bound = 1/sqrt(in_features) (0 when in_features is 0).
     */
    public void resetParameters() {
        checkOpen();
        init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            long fanIn = init.fans(weight)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt((double) fanIn) : 0;
            init.uniform_(bias, -bound, bound);
        }
    }

    /** {@code self.weight}: shape {@code [out_features, in_features]}; owned by this module. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** {@code self.bias}: shape {@code [out_features]}, or null for {@code bias=false}; owned by this module. */
    public Tensor bias() {
        checkOpen();
        return bias;
    }

    /** Size of each input sample ({@code in_features}). */
    public long inFeatures() {
        return inFeatures;
    }

    /** Size of each output sample ({@code out_features}). */
    public long outFeatures() {
        return outFeatures;
    }

    /** {@code x W^T + b} for input of shape {@code [..., in_features]}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "Linear: input is null");
        long[] s = input.shape();
        if (s.length == 0 || s[s.length - 1] != inFeatures) {
            throw new IllegalArgumentException("Linear(in_features=" + inFeatures + ", out_features=" + outFeatures
                    + "): expected input [*, " + inFeatures + "], got " + Reprs.shape(s));
        }
        return Ops.linear(input, weight, bias);
    }

    @Override
    protected Module newInstance() {
        return new Linear(inFeatures, outFeatures, bias != null);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
