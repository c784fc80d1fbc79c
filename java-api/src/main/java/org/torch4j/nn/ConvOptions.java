package org.torch4j.nn;

import java.util.Objects;

/**
 * The keyword arguments of the convolution modules, PyTorch's defaults in {@link #DEFAULT}:
 * {@code stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros'} (and
 * {@code output_padding=0} for the transposed ones). One value stands for every spatial
 * dimension, as PyTorch's ints do; {@code padding} may also be {@code "same"} or {@code "valid"}.
 * <pre>{@code new Conv2d(3, 16, 3, ConvOptions.DEFAULT.withPadding(1).withBias(false))}</pre>
 */
public record ConvOptions(long[] stride, long[] padding, String paddingString, long[] dilation, long groups, boolean bias,
        String paddingMode, long[] outputPadding) {
    /** PyTorch's defaults. */
    public static final ConvOptions DEFAULT = new ConvOptions(new long[] {1}, new long[] {0}, null, new long[] {1}, 1, true, "zeros",
            new long[] {0});

    /** Validates the options (copying the arrays); {@code paddingString} is {@code "same"}, {@code "valid"} or null. */
    public ConvOptions {
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(dilation, "dilation");
        Objects.requireNonNull(paddingMode, "paddingMode");
        Objects.requireNonNull(outputPadding, "outputPadding");
        if (padding == null && paddingString == null) {
            throw new NullPointerException("padding");
        }
        if (paddingString != null && !paddingString.equals("same") && !paddingString.equals("valid")) {
            throw new IllegalArgumentException("Invalid padding string '" + paddingString + "', should be one of ['valid', 'same']");
        }
        stride = stride.clone();
        padding = paddingString != null ? null : padding.clone();
        dilation = dilation.clone();
        outputPadding = outputPadding.clone();
    }

    /** {@code stride}: stride of the convolution, one value for every spatial dimension or one per dimension. */
    public ConvOptions withStride(long... stride) {
        return new ConvOptions(stride, padding, paddingString, dilation, groups, bias, paddingMode, outputPadding);
    }

    /** {@code padding}: zero-padding added to both sides, one value for every spatial dimension or one per dimension. */
    public ConvOptions withPadding(long... padding) {
        return new ConvOptions(stride, padding, null, dilation, groups, bias, paddingMode, outputPadding);
    }

    /** {@code padding='same'} or {@code padding='valid'}. */
    public ConvOptions withPadding(String padding) {
        return new ConvOptions(stride, null, Objects.requireNonNull(padding, "padding"), dilation, groups, bias, paddingMode,
                outputPadding);
    }

    /** {@code dilation}: spacing between kernel elements, one value for every spatial dimension or one per dimension. */
    public ConvOptions withDilation(long... dilation) {
        return new ConvOptions(stride, padding, paddingString, dilation, groups, bias, paddingMode, outputPadding);
    }

    /** {@code groups}: blocked connections from input channels to output channels. */
    public ConvOptions withGroups(long groups) {
        return new ConvOptions(stride, padding, paddingString, dilation, groups, bias, paddingMode, outputPadding);
    }

    /** {@code bias}: whether the module has a learnable bias. */
    public ConvOptions withBias(boolean bias) {
        return new ConvOptions(stride, padding, paddingString, dilation, groups, bias, paddingMode, outputPadding);
    }

    /** {@code "zeros"}, {@code "reflect"}, {@code "replicate"} or {@code "circular"} (transposed convolutions: zeros only). */
    public ConvOptions withPaddingMode(String paddingMode) {
        return new ConvOptions(stride, padding, paddingString, dilation, groups, bias, paddingMode, outputPadding);
    }

    /** For the transposed convolutions. */
    public ConvOptions withOutputPadding(long... outputPadding) {
        return new ConvOptions(stride, padding, paddingString, dilation, groups, bias, paddingMode, outputPadding);
    }
}
