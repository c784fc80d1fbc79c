package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code torch.nn.GLU(dim=-1)}: the gated linear unit {@code a * sigmoid(b)}, {@code a} and {@code b} the halves of {@code dim}. */
public final class GLU extends Module {
    private final long dim;

    /** {@code GLU()}: {@code dim=-1}. */
    public GLU() {
        this(-1);
    }

    /** {@code GLU(dim)}: the dimension to split in half (its size must be even). */
    public GLU(long dim) {
        this.dim = dim;
    }

    /** {@code F.glu(input, dim)}; an odd size along {@code dim} or a 0-dim input throws LibTorch's TorchException. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "GLU: input is null");
        return Ops.glu(input, dim);
    }

    @Override
    protected Module newInstance() {
        return new GLU(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
