package org.torch4j.nn;


/**
 * {@code torch.nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0,
 * output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros')}: the keyword arguments
 * in {@link ConvOptions}. Weight shape {@code [in, out/groups, *kernel]}.
 */
public final class ConvTranspose2d extends ConvNd {
    /** {@code ConvTranspose2d(in, out, kernel_size)}. */
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT);
    }

    /** {@code ConvTranspose2d(in, out, kernel_size, stride)}. */
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, ConvOptions.DEFAULT.withStride(stride));
    }

    /** {@code ConvTranspose2d(in, out, kernel_size, **options)}. */
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, ConvOptions options) {
        this(inChannels, outChannels, new long[] {kernelSize}, options);
    }

    /** {@code ConvTranspose2d(in, out, kernel_size=(k0, …), **options)}. */
    public ConvTranspose2d(long inChannels, long outChannels, long[] kernelSize, ConvOptions options) {
        super(2, true, inChannels, outChannels, kernelSize, options);
    }
}
