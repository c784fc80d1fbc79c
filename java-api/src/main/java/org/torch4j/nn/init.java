package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * {@code torch.nn.init}: in-place initialisers, with PyTorch 1.13's formulas and the same calls
 * on the default generator in the same order, so after {@code Torch.manualSeed(s)} they give
 * PyTorch's numbers. Named as in Python ({@code init.kaimingUniform_(w, Math.sqrt(5), "fan_in",
 * "leaky_relu")} for {@code init.kaiming_uniform_(w, a=math.sqrt(5))}); each works without
 * recording gradients (as PyTorch's {@code torch.no_grad()} block) and returns its argument.
 */
@SuppressWarnings("checkstyle:TypeName") // lower case on purpose: nn.init as in PyTorch
public final class init {
    private init() {
    }

    /** {@code calculate_gain(nonlinearity)}. */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, null);
    }

    /**
     * {@code calculate_gain(nonlinearity, param)}: 1 for linear, conv* and sigmoid, 5/3 for tanh,
     * sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for leaky_relu (slope {@code param}, default
     * 0.01), 3/4 for selu.
     *
     * @throws IllegalArgumentException for an unknown nonlinearity or a bad slope
     */
    public static double calculateGain(String nonlinearity, Double param) {
        Objects.requireNonNull(nonlinearity, "nonlinearity");
        switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid":
                return 1;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu": {
                double slope = param == null ? 0.01 : param;
                if (Double.isNaN(slope)) {
                    throw new IllegalArgumentException("negative_slope " + param + " not a valid number");
                }
                return Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu":
                return 3.0 / 4;
            default:
                throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        }
    }

    /** {@code uniform_(tensor, a=0, b=1)}. */
    public static Tensor uniform_(Tensor tensor) {
        return uniform_(tensor, 0, 1);
    }

    /** {@code uniform_(tensor, a, b)}: values from U(a, b). */
    public static Tensor uniform_(Tensor tensor, double a, double b) {
        try (Grad.Guard g = Grad.noGrad()) {
            return Ops.uniform_(tensor, a, b);
        }
    }

    /** {@code normal_(tensor, mean=0, std=1)}. */
    public static Tensor normal_(Tensor tensor) {
        return normal_(tensor, 0, 1);
    }

    /** {@code normal_(tensor, mean, std)}: values from N(mean, std^2). */
    public static Tensor normal_(Tensor tensor, double mean, double std) {
        try (Grad.Guard g = Grad.noGrad()) {
            return Ops.normal_(tensor, mean, std);
        }
    }

    /** {@code constant_(tensor, val)}. */
    public static Tensor constant_(Tensor tensor, double val) {
        try (Grad.Guard g = Grad.noGrad()) {
            return tensor.fill_(val);
        }
    }

    /** {@code zeros_(tensor)}. */
    public static Tensor zeros_(Tensor tensor) {
        try (Grad.Guard g = Grad.noGrad()) {
            return tensor.zero_();
        }
    }

    /** {@code ones_(tensor)}. */
    public static Tensor ones_(Tensor tensor) {
        return constant_(tensor, 1);
    }

    /** {@code _calculate_fan_in_and_fan_out(tensor)}: {fan_in, fan_out}. */
    static long[] fans(Tensor tensor) {
        long[] s = tensor.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape "
                    + java.util.Arrays.toString(s) + ")");
        }
        long receptive = 1;
        for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
        }
        return new long[] {s[1] * receptive, s[0] * receptive};
    }

    /** {@code xavier_uniform_(tensor, gain=1)}. */
    public static Tensor xavierUniform_(Tensor tensor) {
        return xavierUniform_(tensor, 1);
    }

    /** {@code xavier_uniform_(tensor, gain)}: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform_(Tensor tensor, double gain) {
        long[] f = fans(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(tensor, -a, a);
    }

    /** {@code xavier_normal_(tensor, gain=1)}. */
    public static Tensor xavierNormal_(Tensor tensor) {
        return xavierNormal_(tensor, 1);
    }

    /** {@code xavier_normal_(tensor, gain)}: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal_(Tensor tensor, double gain) {
        long[] f = fans(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (f[0] + f[1]));
        return normal_(tensor, 0, std);
    }

    private static long fan(Tensor tensor, String mode) {
        Objects.requireNonNull(mode, "mode");
        long[] f = fans(tensor);
        switch (mode) {
            case "fan_in":
                return f[0];
            case "fan_out":
                return f[1];
            default:
                throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of fan_in, fan_out");
        }
    }

    private static boolean hasZeroSize(Tensor tensor) {
        for (long d : tensor.shape()) {
            if (d == 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code kaiming_uniform_(tensor)}: a=0, mode='fan_in', nonlinearity='leaky_relu'. */
    public static Tensor kaimingUniform_(Tensor tensor) {
        return kaimingUniform_(tensor, 0, "fan_in", "leaky_relu");
    }

    /**
     * {@code kaiming_uniform_(tensor, a, mode, nonlinearity)}: U(-bound, bound) with bound =
     * gain * sqrt(3 / fan), gain = {@link #calculateGain(String, Double) calculateGain(nonlinearity, a)},
     * fan = fan_in or fan_out by {@code mode}. A tensor with a zero-size dimension is left as is
     * (PyTorch warns and returns).
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a, String mode, String nonlinearity) {
        if (hasZeroSize(tensor)) {
            return tensor;
        }
        long fan = fan(tensor, mode);
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt((double) fan);
        double bound = Math.sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /** {@code kaiming_normal_(tensor)}: a=0, mode='fan_in', nonlinearity='leaky_relu'. */
    public static Tensor kaimingNormal_(Tensor tensor) {
        return kaimingNormal_(tensor, 0, "fan_in", "leaky_relu");
    }

    /** {@code kaiming_normal_(tensor, a, mode, nonlinearity)}: N(0, std^2) with std = gain / sqrt(fan). */
    public static Tensor kaimingNormal_(Tensor tensor, double a, String mode, String nonlinearity) {
        if (hasZeroSize(tensor)) {
            return tensor;
        }
        long fan = fan(tensor, mode);
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt((double) fan);
        return normal_(tensor, 0, std);
    }

    /** {@code orthogonal_(tensor, gain=1)}. */
    public static Tensor orthogonal_(Tensor tensor) {
        return orthogonal_(tensor, 1);
    }

    /**
     * {@code orthogonal_(tensor, gain)}: a (semi-)orthogonal matrix from the QR decomposition of a
     * normal sample of shape {@code [rows, numel / rows]}, signs fixed by R's diagonal, times
     * {@code gain}. The normal draw is PyTorch's; the QR is LibTorch's LAPACK, so values may
     * differ from PyTorch's in the last bits.
     *
     * @throws IllegalArgumentException for fewer than 2 dimensions
     */
    public static Tensor orthogonal_(Tensor tensor, double gain) {
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported (got shape "
                    + java.util.Arrays.toString(tensor.shape()) + ")");
        }
        if (tensor.numel() == 0) {
            return tensor;
        }
        long rows = tensor.size(0);
        long cols = tensor.numel() / rows;
        try (Scope s = Scope.open(); Grad.Guard g = Grad.noGrad()) {
            Tensor flat = Ops.normal_(Torch.empty(tensor.device(), tensor.dtype(), rows, cols), 0, 1);
            if (rows < cols) {
                flat = flat.t();
            }
            Tensor q = Ops.qrQ(flat);
            Tensor r = Ops.qrR(flat);
            Tensor ph = Ops.sign(Ops.diag(r));
            q = q.mul(ph);
            if (rows < cols) {
                q = q.t();
            }
            tensor.view(rows, cols).copy_(q);
            tensor.mul_(gain);
        }
        return tensor;
    }
}
