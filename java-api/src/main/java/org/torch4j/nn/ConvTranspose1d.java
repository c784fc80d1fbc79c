package org.torch4j.nn;


/**
 * {@code torch.nn.ConvTranspose1d(in_channels, out_channels, kernel_size, stride=1, padding=0,
 * output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros')}: the keyword arguments
 * in {@link ConvOptions}. Weight shape {@code [in, out/groups, *kernel]}.
 */
public final class ConvTranspose1d extends ConvNd {
    /** {@code ConvTranspose1d(in, out, kernel_size)}. */
    public ConvTranspose1d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT);
    }

    /** {@code ConvTranspose1d(in, out, kernel_size, stride)}. */
    public ConvTranspose1d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT.withStride(stride));
    }

    /** {@code ConvTranspose1d(in, out, kernel_size, **options)}. */
    public ConvTranspose1d(long inChannels, long outChannels, long kernelSize, ConvOptions options) {
        this(inChannels, outChannels, new long[] {kernelSize}, options);
    }

    /** {@code ConvTranspose1d(in, out, kernel_size=(k0, …), **options)}. */
    public ConvTranspose1d(long inChannels, long outChannels, long[] kernelSize, ConvOptions options) {
        super(1, true, inChannels, outChannels, kernelSize, options);
    }
}
