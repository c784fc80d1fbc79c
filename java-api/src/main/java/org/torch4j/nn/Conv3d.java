package org.torch4j.nn;


/**
 * {@code torch.nn.Conv3d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
 * groups=1, bias=True, padding_mode='zeros')}: the keyword arguments in {@link ConvOptions}
 * ({@code padding_mode} zeros, reflect, replicate or circular).
 * Input {@code [N, C_in, ...]} (3 spatial dimensions) or unbatched {@code [C_in, ...]}.
 */
public final class Conv3d extends ConvNd {
    /** {@code Conv3d(in, out, kernel_size)}. */
    public Conv3d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT);
    }

    /** {@code Conv3d(in, out, kernel_size, stride)}. */
    public Conv3d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT.withStride(stride));
    }

    /** {@code Conv3d(in, out, kernel_size, stride, padding)}. */
    public Conv3d(long inChannels, long outChannels, long kernelSize, long stride, long padding) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT.withStride(stride).withPadding(padding));
    }

    /** {@code Conv3d(in, out, kernel_size, **options)}. */
    public Conv3d(long inChannels, long outChannels, long kernelSize, ConvOptions options) {
        this(inChannels, outChannels, new long[] {kernelSize}, options);
    }

    /** {@code Conv3d(in, out, kernel_size=(k0, …), **options)}. */
    public Conv3d(long inChannels, long outChannels, long[] kernelSize, ConvOptions options) {
        super(3, false, inChannels, outChannels, kernelSize, options);
    }
}
