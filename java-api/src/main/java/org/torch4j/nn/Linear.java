package org.torch4j.nn;

import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.torch4j.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.bindings.LibTorch;
import org.torch4j.internal.Native;
import org.torch4j.internal.Warnings;

/**
 * {@code torch.nn.Linear(in_features, out_features, bias=True)}: {@code y = x W^T + b}.
 *
 * <p>The initial weight and bias come from LibTorch's own {@code torch::nn::LinearImpl} (Kaiming
 * uniform weight, uniform bias in ±1/sqrt(in_features)), drawn from the default generator in the
 * same order as PyTorch's {@code nn.Linear}, so after the same {@code manualSeed} they are the same
 * numbers. The module then owns its own references to those tensors (the native module is freed at
 * once, so no native alias can outlive it). {@link #forward} calls {@code at::linear}, exactly what
 * {@code LinearImpl::forward} and Python's {@code F.linear} call.
 */
public final class Linear extends Module {
    static {
        LibTorch.ensureLoaded();
    }

    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code Linear(inFeatures, outFeatures)} with a bias. */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(long inFeatures, long outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: feature counts must be >= 0, got in_features=" + inFeatures
                    + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Tensor w;
        Tensor b = null;
        if (inFeatures == 0 || outFeatures == 0) {
            Warnings.once("zero-element init", "Initializing zero-element tensors is a no-op");
        }
        if (inFeatures == 0) {
            // PyTorch: kaiming_uniform_ leaves a zero-element weight alone, and the bias bound is 0 when
            // fan_in is 0 (uniform_(bias, -0, 0) still draws from the generator, as here). LibTorch's
            // LinearImpl would divide by fan_in and fail.
            try (TensorOptions f32 = new TensorOptions(torch.ScalarType.Float)) {
                org.bytedeco.pytorch.Tensor wn = torch.empty(new long[] {outFeatures, 0}, f32, null);
                wn.requires_grad_(true);
                w = Native.adopt(wn);
                if (bias) {
                    org.bytedeco.pytorch.Tensor bn = torch.empty(new long[] {outFeatures}, f32, null);
                    bn.uniform_(-0.0, 0.0, null);
                    bn.requires_grad_(true);
                    b = Native.adopt(bn);
                }
            } catch (RuntimeException e) {
                throw Natives.error(e, "Linear", "in_features=" + inFeatures, "out_features=" + outFeatures);
            }
        } else {
            try (LinearOptions options = new LinearOptions(inFeatures, outFeatures)) {
                options.bias().put(bias);
                LinearImpl impl = new LinearImpl(options);
                try {
                    // weight()/bias() return references into the native module: copy them before it goes.
                    w = Tensor.wrap(impl.weight());
                    if (bias) {
                        b = Tensor.wrap(impl.bias());
                    }
                } finally {
                    impl.close();
                }
            } catch (RuntimeException e) {
                throw Natives.error(e, "Linear", "in_features=" + inFeatures, "out_features=" + outFeatures);
            }
        }
        this.weight = adoptParameter("weight", w);
        if (b != null) {
            this.bias = adoptParameter("bias", b);
        } else {
            registerParameter("bias", null);
            this.bias = null;
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

    public long inFeatures() {
        return inFeatures;
    }

    public long outFeatures() {
        return outFeatures;
    }

    /** {@code x W^T + b} for input of shape {@code [..., in_features]}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        return Functional.linear(input, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
