package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.GELU(approximate='none')}. */
public final class GELU extends Module {
    private final String approximate;

    /** {@code GELU()}: {@code approximate='none'}. */
    public GELU() {
        this("none");
    }

    /** {@code approximate} is {@code "none"} or {@code "tanh"}. */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("GELU: approximate must be 'none' or 'tanh', got " + approximate);
        }
        this.approximate = approximate;
    }

    /** {@code F.gelu(input, approximate)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "GELU: input is null");
        return Ops.gelu(input, approximate);
    }

    @Override
    protected Module newInstance() {
        return new GELU(approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
