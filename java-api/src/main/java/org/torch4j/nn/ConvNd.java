package org.torch4j.nn;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PyTorch's {@code _ConvNd}: what {@link Conv1d}, {@link Conv2d}, {@link Conv3d},
 * {@link ConvTranspose1d} and {@link ConvTranspose2d} share — the parameters
 * ({@code weight} of shape {@code [out, in/groups, *kernel]}, or {@code [in, out/groups, *kernel]}
 * when transposed, and {@code bias} of shape {@code [out]}), PyTorch's initialisation
 * ({@link #resetParameters}), the input checks and the repr.
 */
public abstract class ConvNd extends Module {
    final int n;
    final boolean transposed;
    final long inChannels;
    final long outChannels;
    final long[] kernelSize;
    final long[] stride;
    final long[] padding;
    final String paddingString;
    final long[] dilation;
    final long[] outputPadding;
    final long groups;
    final String paddingMode;
    /** PyTorch's {@code _reversed_padding_repeated_twice}: what F.pad gets for a non-zeros padding_mode. */
    private final long[] reversedPaddingTwice;
    private final Tensor weight;
    private final Tensor bias;

    ConvNd(int n, boolean transposed, long inChannels, long outChannels, long[] kernelSize, ConvOptions o) {
        String name = getClass().getSimpleName();
        this.n = n;
        this.transposed = transposed;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        if (o.groups() <= 0) {
            throw new IllegalArgumentException(name + ": groups must be a positive integer, got " + o.groups());
        }
        if (inChannels % o.groups() != 0) {
            throw new IllegalArgumentException(name + ": in_channels must be divisible by groups (in_channels=" + inChannels + ", groups="
                    + o.groups() + ")");
        }
        if (outChannels % o.groups() != 0) {
            throw new IllegalArgumentException(name + ": out_channels must be divisible by groups (out_channels=" + outChannels
                    + ", groups=" + o.groups() + ")");
        }
        if (!List.of("zeros", "reflect", "replicate", "circular").contains(o.paddingMode())) {
            throw new IllegalArgumentException(name + ": padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='"
                    + o.paddingMode() + "'");
        }
        if (transposed && !o.paddingMode().equals("zeros")) {
            throw new IllegalArgumentException("Only \"zeros\" padding mode is supported for " + name);
        }
        this.kernelSize = Reprs.expand(name, "kernel_size", kernelSize, n);
        this.stride = Reprs.expand(name, "stride", o.stride(), n);
        this.dilation = Reprs.expand(name, "dilation", o.dilation(), n);
        this.outputPadding = Reprs.expand(name, "output_padding", o.outputPadding(), n);
        this.groups = o.groups();
        this.paddingMode = o.paddingMode();
        this.paddingString = o.paddingString();
        if (paddingString != null) {
            if (transposed) {
                throw new IllegalArgumentException(name + ": padding='" + paddingString + "' is only supported for convolutions, not "
                        + name);
            }
            if (paddingString.equals("same") && Arrays.stream(this.stride).anyMatch(s -> s != 1)) {
                throw new IllegalArgumentException(name + ": padding='same' is not supported for strided convolutions");
            }
            this.padding = null;
        } else {
            this.padding = Reprs.expand(name, "padding", o.padding(), n);
        }
        this.reversedPaddingTwice = reversedPaddingTwice();
        long[] shape = new long[n + 2];
        shape[0] = transposed ? inChannels : outChannels;
        shape[1] = (transposed ? outChannels : inChannels) / groups;
        System.arraycopy(this.kernelSize, 0, shape, 2, n);
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", Torch.empty(org.torch4j.DType.FLOAT32, shape));
            bias = registerParameter("bias", o.bias() ? Torch.empty(org.torch4j.DType.FLOAT32, outChannels) : null);
        }
        resetParameters();
    }

    /**
     * PyTorch's {@code reset_parameters}: {@code kaiming_uniform_(weight, a=sqrt(5))}, then the
     * bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (fan_in of the weight).
     */
    public void resetParameters() {
        checkOpen();
        init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            long fanIn = init.fans(weight)[0];
            if (fanIn != 0) {
                double bound = 1 / Math.sqrt((double) fanIn);
                init.uniform_(bias, -bound, bound);
            }
        }
    }

    private long[] reversedPaddingTwice() {
        long[] r = new long[2 * n];
        for (int i = 0; i < n; i++) {
            int d = n - 1 - i; // the last spatial dimension comes first
            if (paddingString == null) {
                r[2 * i] = padding[d];
                r[2 * i + 1] = padding[d];
            } else if (paddingString.equals("same")) {
                long total = dilation[d] * (kernelSize[d] - 1);
                r[2 * i] = total / 2;
                r[2 * i + 1] = total - total / 2;
            }
        }
        return r;
    }

    /**
     * The convolution's input: {@code input} itself for {@code padding_mode='zeros'}, else
     * {@code F.pad(input, _reversed_padding_repeated_twice, mode=padding_mode)} (the convolution
     * then runs with zero padding), as PyTorch's {@code _conv_forward}.
     */
    Tensor padded(Tensor input) {
        return paddingMode.equals("zeros") ? input : Ops.pad(input, reversedPaddingTwice, paddingMode);
    }

    /**
     * {@code F.conv1d/2d/3d(input, weight, bias, stride, padding, dilation, groups)} by the module's
     * number of spatial dimensions, or {@code F.conv_transpose1d/2d(input, weight, bias, stride,
     * padding, output_padding, groups, dilation)} for a transposed convolution.
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        checkInput(input);
        if (transposed) {
            return n == 1 ? Ops.convTranspose1d(input, weight, bias, stride, padding, outputPadding, groups, dilation)
                    : Ops.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
        }
        if (!paddingMode.equals("zeros")) {
            try (Scope s = Scope.open()) {
                return conv(padded(input), new long[] {0}).keep();
            }
        }
        if (paddingString != null) {
            return switch (n) {
                case 1 -> Ops.conv1d(input, weight, bias, stride, paddingString, dilation, groups);
                case 2 -> Ops.conv2d(input, weight, bias, stride, paddingString, dilation, groups);
                default -> Ops.conv3d(input, weight, bias, stride, paddingString, dilation, groups);
            };
        }
        return conv(input, padding);
    }

    /** The same convolution class (by dimension and {@code transposed}) with this one's configuration. */
    @Override
    protected Module newInstance() {
        ConvOptions o = new ConvOptions(stride, padding, paddingString, dilation, groups, bias != null, paddingMode, outputPadding);
        if (transposed) {
            return n == 1 ? new ConvTranspose1d(inChannels, outChannels, kernelSize, o)
                    : new ConvTranspose2d(inChannels, outChannels, kernelSize, o);
        }
        return switch (n) {
            case 1 -> new Conv1d(inChannels, outChannels, kernelSize, o);
            case 2 -> new Conv2d(inChannels, outChannels, kernelSize, o);
            default -> new Conv3d(inChannels, outChannels, kernelSize, o);
        };
    }

    private Tensor conv(Tensor x, long[] pad) {
        return switch (n) {
            case 1 -> Ops.conv1d(x, weight, bias, stride, pad, dilation, groups);
            case 2 -> Ops.conv2d(x, weight, bias, stride, pad, dilation, groups);
            default -> Ops.conv3d(x, weight, bias, stride, pad, dilation, groups);
        };
    }

    /** {@code self.weight}; owned by this module. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** {@code self.bias}, or null for {@code bias=false}; owned by this module. */
    public Tensor bias() {
        checkOpen();
        return bias;
    }

    /** {@code in_channels}: channels of the input. */
    public long inChannels() {
        return inChannels;
    }

    /** {@code out_channels}: channels produced by the convolution. */
    public long outChannels() {
        return outChannels;
    }

    /** Checks the input's rank and channel count, naming this module and both shapes. */
    void checkInput(Tensor input) {
        java.util.Objects.requireNonNull(input, () -> label() + ": input is null");
        long[] s = input.shape();
        if (s.length != n + 1 && s.length != n + 2) {
            throw new IllegalArgumentException(label() + ": expected " + (n + 1) + "D (unbatched) or " + (n + 2) + "D (batched) input, got "
                    + Reprs.shape(s));
        }
        long c = s[s.length - n - 1];
        if (c != inChannels) {
            throw new IllegalArgumentException(label() + ": expected input with " + inChannels + " channels, got " + Reprs.shape(s));
        }
    }

    String label() {
        return moduleName() + "(" + inChannels + ", " + outChannels + ")";
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels).append(", kernel_size=")
                .append(Reprs.tuple(kernelSize)).append(", stride=").append(Reprs.tuple(stride));
        if (paddingString != null) {
            s.append(", padding=").append(paddingString);
        } else if (Arrays.stream(padding).anyMatch(p -> p != 0)) {
            s.append(", padding=").append(Reprs.tuple(padding));
        }
        if (Arrays.stream(dilation).anyMatch(d -> d != 1)) {
            s.append(", dilation=").append(Reprs.tuple(dilation));
        }
        if (Arrays.stream(outputPadding).anyMatch(p -> p != 0)) {
            s.append(", output_padding=").append(Reprs.tuple(outputPadding));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        if (!paddingMode.equals("zeros")) {
            s.append(", padding_mode=").append(paddingMode);
        }
        return s.toString();
    }
}
