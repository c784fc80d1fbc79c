package org.torch4j.nn;

/**
 * {@code torch.nn.modules.linear.NonDynamicallyQuantizableLinear}: a {@link Linear} under another
 * name. PyTorch gives {@link MultiheadAttention#outProj()} this class so that dynamic quantization
 * leaves it alone; torch4j keeps the class so the module prints as {@code print(model)} does
 * ({@code (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)}).
 */
public final class NonDynamicallyQuantizableLinear extends Linear {
    /** {@code NonDynamicallyQuantizableLinear(in_features, out_features, bias)}, initialised as {@link Linear}. */
    public NonDynamicallyQuantizableLinear(long inFeatures, long outFeatures, boolean bias) {
        super(inFeatures, outFeatures, bias);
    }

    @Override
    protected Module newInstance() {
        return new NonDynamicallyQuantizableLinear(inFeatures(), outFeatures(), bias() != null);
    }
}
