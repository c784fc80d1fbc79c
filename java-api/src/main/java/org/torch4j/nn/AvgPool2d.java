package org.torch4j.nn;

import org.bytedeco.pytorch.LongOptional;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False,
 * count_include_pad=True, divisor_override=None)} (keywords in {@link PoolOptions}).
 */
public final class AvgPool2d extends Module {
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final PoolOptions options;
    private final Long divisorOverride;

    /** {@code AvgPool2d(kernel_size)}: stride = kernel_size. */
    public AvgPool2d(long kernelSize) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT);
    }

    /** {@code AvgPool2d(kernel_size, stride)}. */
    public AvgPool2d(long kernelSize, long stride) {
        this(new long[] {kernelSize}, PoolOptions.DEFAULT.withStride(stride));
    }

    /** {@code AvgPool2d(kernel_size, **options)}. */
    public AvgPool2d(long[] kernelSize, PoolOptions options) {
        this.kernelSize = Reprs.expand("AvgPool2d", "kernel_size", kernelSize, kernelSize.length == 1 ? 1 : 2);
        this.stride = options.stride() == null ? this.kernelSize : options.stride();
        this.padding = options.padding();
        this.ceilMode = options.ceilMode();
        this.countIncludePad = options.countIncludePad();
        this.options = options;
        this.divisorOverride = options.divisorOverride();
    }

    /** {@code F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Reprs.checkDims("AvgPool2d(kernel_size=" + Reprs.arg(kernelSize) + ")", input, 3, 4);
        if (divisorOverride == null) {
            return Ops.avgPool2d(input, Reprs.expand("AvgPool2d", "kernel_size", kernelSize, 2), Reprs.expand("AvgPool2d", "stride", stride, 2),
                    Reprs.expand("AvgPool2d", "padding", padding, 2), ceilMode, countIncludePad, Ops.NO_LONG);
        }
        try (LongOptional d = new LongOptional(divisorOverride)) {
            return Ops.avgPool2d(input, Reprs.expand("AvgPool2d", "kernel_size", kernelSize, 2), Reprs.expand("AvgPool2d", "stride", stride, 2),
                    Reprs.expand("AvgPool2d", "padding", padding, 2), ceilMode, countIncludePad, d);
        }
    }

    @Override
    protected Module newInstance() {
        return new AvgPool2d(kernelSize, options);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Reprs.arg(kernelSize) + ", stride=" + Reprs.arg(stride) + ", padding=" + Reprs.arg(padding);
    }
}
