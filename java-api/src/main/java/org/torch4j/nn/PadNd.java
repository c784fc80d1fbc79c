package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * PyTorch's {@code _ConstantPadNd}, {@code _ReflectionPadNd} and {@code _ReplicationPadNd}: what
 * the padding modules share — the padding given as one number or as PyTorch's tuple
 * ({@code (left, right)} for 1d, {@code (left, right, top, bottom)} for 2d), expanded to the tuple
 * as {@code _pair}/{@code _quadruple} do; the forward {@code F.pad(input, padding, mode[, value])};
 * the repr. Negative amounts are allowed and crop, as in PyTorch; an input too small for the
 * padding throws LibTorch's TorchException at forward.
 */
public abstract class PadNd extends Module {
    final long[] padding;
    final String mode;
    final double value;
    private final String label;

    /**
     * @throws IllegalArgumentException if {@code padding} has neither one value nor {@code 2 * dims}
     */
    PadNd(String label, long[] padding, int dims, String mode, double value) {
        java.util.Objects.requireNonNull(padding, () -> label + ": padding is null");
        this.label = label;
        this.padding = Reprs.expand(label, "padding", padding, 2 * dims);
        this.mode = mode;
        this.value = value;
    }

    /** {@code self.padding}: the amounts, last dimension first ({@code (left, right[, top, bottom])}). */
    public long[] padding() {
        return padding.clone();
    }

    /** {@code F.pad(input, padding, mode)}, with {@code value} for the constant pads. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, () -> label + ": input is null");
        return mode.equals("constant") ? Ops.pad(input, padding, mode, value) : Ops.pad(input, padding, mode);
    }

    /** {@code (1, 1, 2, 2)}, as ZeroPad2d and the reflection and replication pads print. */
    @Override
    protected String extraRepr() {
        return Reprs.tuple(padding);
    }
}
