package org.torch4j;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Tensor#toString()}: a port of PyTorch 1.13's {@code torch/_tensor_str.py} (the
 * {@code _Formatter}, {@code _vector_str}, {@code _tensor_str_with_formatter},
 * {@code get_summarized_data} and {@code _add_suffixes} functions), so that a tensor prints
 * character for character as {@code repr(tensor)} does in Python, under the current
 * {@link PrintOptions}. Python's {@code '{:.4f}'}/{@code '{:.4e}'} formats are exact decimal
 * roundings of the binary value with ties to even, done here with {@link BigDecimal} (Java's
 * {@code String.format} rounds ties up).
 */
final class TensorFormat {
    /** {@code len("tensor(")}: the indent of continuation lines. */
    private static final int INDENT = 7;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        PrintOptions o = PrintOptions.current();
        long[] shape = t.shape();
        DType dtype = t.dtype();
        long numel = t.numel();
        List<String> suffixes = new ArrayList<>(4);
        Device device = t.device();
        if (device.isCuda()) {
            suffixes.add("device='" + device + "'");
        }
        String body;
        if (dtype.isQuantized()) {
            body = quantized(t, shape, dtype, numel, suffixes, o);
        } else if (numel == 0) {
            if (shape.length != 1) {
                suffixes.add("size=" + pyTuple(shape));
            }
            if (dtype != DType.FLOAT32) {
                suffixes.add("dtype=torch." + dtype);
            }
            body = "[]";
        } else {
            if (dtype != DType.FLOAT32 && dtype != DType.INT64 && dtype != DType.BOOL && dtype != DType.COMPLEX64) {
                suffixes.add("dtype=torch." + dtype);
            }
            body = tensorStr(t, shape, dtype, numel, o);
        }
        String fn = t.gradFn();
        if (fn != null) {
            int k = fn.lastIndexOf("::"); // LibTorch may name the node with its C++ namespace
            suffixes.add("grad_fn=<" + (k >= 0 ? fn.substring(k + 2) : fn) + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return addSuffixes("tensor(" + body, suffixes, o);
    }

    /** PyTorch's names of the quantization schemes, by {@code QScheme} value. */
    private static final String[] QSCHEMES = {"per_tensor_affine", "per_channel_affine", "per_tensor_symmetric",
        "per_channel_symmetric", "per_channel_affine_float_qparams"};

    /**
     * {@code _str_intern}'s quantized branch: size, dtype, scheme and its parameters as suffixes
     * (per channel: the scales and zero points printed as tensors, and the axis), the values those of
     * {@code dequantize()}.
     */
    private static String quantized(Tensor t, long[] shape, DType dtype, long numel, List<String> suffixes, PrintOptions o) {
        suffixes.add("size=" + pyTuple(shape));
        suffixes.add("dtype=torch." + dtype);
        int scheme;
        org.bytedeco.pytorch.Tensor n = t.lease();
        try {
            scheme = n.qscheme().value;
        } catch (RuntimeException e) {
            throw t.err(e, "toString"); // e.g. torch.empty(dtype=quint8) has no quantizer
        } finally {
            t.release();
        }
        String name = scheme >= 0 && scheme < QSCHEMES.length ? QSCHEMES[scheme] : "qscheme#" + scheme;
        suffixes.add("quantization_scheme=torch." + name);
        try (Scope s = Scope.open()) {
            if (name.startsWith("per_tensor")) {
                suffixes.add("scale=" + PyRepr.repr(t.qScale()));
                suffixes.add("zero_point=" + t.qZeroPoint());
            } else {
                suffixes.add("scale=" + format(t.qPerChannelScales()));
                suffixes.add("zero_point=" + format(t.qPerChannelZeroPoints()));
                suffixes.add("axis=" + t.qPerChannelAxis());
            }
            if (numel == 0) {
                return "[]";
            }
            return tensorStr(t.dequantize(), shape, DType.FLOAT32, numel, o);
        }
    }

    /** Python's {@code str(tuple(shape))}: {@code (0, 3)}, {@code (0,)}. */
    private static String pyTuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** {@code _add_suffixes(..., indent=7, force_newline=False)}. */
    private static String addSuffixes(String tensorStr, List<String> suffixes, PrintOptions o) {
        StringBuilder sb = new StringBuilder(tensorStr);
        long lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > o.linewidth()) {
                sb.append(",\n").append(" ".repeat(INDENT)).append(suffix);
                lastLineLen = INDENT + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** {@code _tensor_str}: the bracketed values of a non-empty tensor. */
    private static String tensorStr(Tensor t, long[] shape, DType dtype, long numel, PrintOptions o) {
        boolean summarize = numel > o.threshold();
        int edge = o.edgeitems();
        boolean[] cut = new boolean[shape.length];
        try (Scope s = Scope.open()) {
            Tensor data = t;
            for (int d = 0; d < shape.length; d++) {
                cut[d] = summarize && shape[d] > 2L * edge;
                if (cut[d]) {
                    data = edges(data, d, shape[d], edge);
                }
            }
            long[] dataShape = shape.clone();
            for (int d = 0; d < shape.length; d++) {
                if (cut[d]) {
                    dataShape[d] = 2L * edge;
                }
            }
            Elements f;
            if (dtype.isComplex()) {
                double[] ri = complexParts(data);
                double[] re = new double[ri.length / 2];
                double[] im = new double[ri.length / 2];
                for (int i = 0; i < re.length; i++) {
                    re[i] = ri[2 * i];
                    im[i] = ri[2 * i + 1];
                }
                f = new ComplexElements(new Formatter(re, o), new Formatter(im, o));
            } else if (dtype.isFloatingPoint()) {
                f = new Formatter((double[]) JavaArrays.toArray(data, DType.FLOAT64, "toString"), o);
            } else {
                f = new Formatter((long[]) JavaArrays.toArray(data, DType.INT64, "toString"), dtype == DType.BOOL);
            }
            if (shape.length == 0) {
                return f.format(0);
            }
            StringBuilder sb = new StringBuilder();
            render(sb, f, dataShape, cut, 0, 0, INDENT, edge, o);
            return sb.toString();
        }
    }

    /** Real and imaginary parts, interleaved ({@code view_as_real(x.resolve_conj())}), as float64. */
    private static double[] complexParts(Tensor t) {
        org.bytedeco.pytorch.Tensor self = t.lease();
        Tensor parts;
        try (org.bytedeco.pytorch.Tensor resolved = self.resolve_conj()) {
            parts = Tensor.adopt(org.bytedeco.pytorch.global.torch.view_as_real(resolved));
        } catch (RuntimeException e) {
            throw t.err(e, "toString");
        } finally {
            t.release();
        }
        return (double[]) JavaArrays.toArray(parts, DType.FLOAT64, "toString");
    }

    /** {@code get_summarized_data} along one dimension: its first and last {@code edge} entries. */
    private static Tensor edges(Tensor t, int dim, long size, int edge) {
        long[] idx = new long[2 * edge];
        for (int i = 0; i < edge; i++) {
            idx[i] = i;
            idx[edge + i] = size - edge + i;
        }
        Tensor index = JavaArrays.fromArray(idx, idx.length, DType.INT64, null);
        Device device = t.device();
        if (device.isCuda()) {
            index = index.to(device);
        }
        org.bytedeco.pytorch.Tensor self = t.lease();
        try {
            org.bytedeco.pytorch.Tensor ix = index.lease();
            try {
                return Tensor.adopt(self.index_select(dim, ix));
            } finally {
                index.release();
            }
        } catch (RuntimeException e) {
            throw t.err(e, "toString");
        } finally {
            t.release();
        }
    }

    /**
     * {@code _tensor_str_with_formatter} / {@code _vector_str} for the sub-tensor at flat offset
     * {@code off} of dimension {@code dim} of the (summarised) data.
     */
    private static void render(StringBuilder sb, Elements f, long[] shape, boolean[] cut, int dim, long off,
            int indent, int edge, PrintOptions o) {
        long stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        int n = (int) shape[dim];
        if (dim == shape.length - 1) {
            int elementLength = f.width() + 2;
            int perLine = Math.max(1, Math.floorDiv(o.linewidth() - indent, elementLength));
            List<String> data = new ArrayList<>(n + 1);
            for (int i = 0; i < n; i++) {
                if (cut[dim] && i == edge) {
                    data.add(" ...");
                }
                data.add(f.format(off + i));
            }
            sb.append('[');
            for (int i = 0; i < data.size(); i++) {
                if (i > 0) {
                    sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                }
                sb.append(data.get(i));
            }
            sb.append(']');
            return;
        }
        String sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            if (cut[dim] && i == edge) {
                sb.append("...").append(sep);
            }
            render(sb, f, shape, cut, dim + 1, off + i * stride, indent + 1, edge, o);
        }
        sb.append(']');
    }

    /** How each element of the (summarised) data prints, and the width {@code _vector_str} plans with. */
    private interface Elements {
        int width();

        String format(long i);
    }

    /**
     * Complex elements: {@code _vector_str}'s {@code _val_formatter} with a formatter for the real
     * parts and one for the imaginary parts, e.g. {@code 1.5000-2.0000j}.
     */
    private static final class ComplexElements implements Elements {
        private final Formatter re;
        private final Formatter im;

        ComplexElements(Formatter re, Formatter im) {
            this.re = re;
            this.im = im;
        }

        @Override
        public int width() {
            return re.width() + im.width() + 1;
        }

        @Override
        public String format(long i) {
            String real = re.format(i);
            String imag = (im.format(i) + "j").stripLeading();
            char c = imag.charAt(0);
            return c == '+' || c == '-' ? real + imag : real + "+" + imag;
        }
    }

    /** {@code _Formatter}: one width for every element, and the float mode (int / fixed / scientific). */
    private static final class Formatter implements Elements {
        private final double[] dv;
        private final long[] lv;
        private final boolean bool;
        private final int precision;
        private boolean intMode = true;
        private boolean sciMode;
        private int width = 1;

        Formatter(long[] values, boolean bool) {
            this.dv = null;
            this.lv = values;
            this.bool = bool;
            this.precision = 0;
            for (long v : values) {
                width = Math.max(width, str(v).length());
            }
        }

        Formatter(double[] values, PrintOptions o) {
            this.dv = values;
            this.lv = null;
            this.bool = false;
            this.precision = o.precision();
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            int count = 0;
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    count++;
                    double a = Math.abs(v);
                    min = Math.min(min, a);
                    max = Math.max(max, a);
                    if (intMode && v != Math.ceil(v)) {
                        intMode = false;
                    }
                }
            }
            if (count == 0) {
                return; // as PyTorch: no valid number, and the sci_mode option is not applied
            }
            if (intMode) {
                if (max / min > 1000.0 || max > 1.0e8) {
                    sciMode = true;
                    widen(values, true, 0);
                } else {
                    widen(values, false, 1);
                }
            } else {
                if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
                    sciMode = true;
                    widen(values, true, 0);
                } else {
                    widen(values, false, 0);
                }
            }
            if (o.sciMode() != null) {
                sciMode = o.sciMode();
            }
        }

        /** max_width over the non-zero finite values, formatted as scientific or fixed (+extra). */
        private void widen(double[] values, boolean sci, int extra) {
            int p = intMode && !sci ? 0 : precision;
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    width = Math.max(width, (sci ? sci(v, p) : fixed(v, p)).length() + extra);
                }
            }
        }

        private String str(long v) {
            return bool ? (v != 0 ? "True" : "False") : Long.toString(v);
        }

        @Override
        public int width() {
            return width;
        }

        /** Element {@code i}, padded on the left to the common width. */
        @Override
        public String format(long i) {
            String ret;
            if (dv == null) {
                ret = str(lv[(int) i]);
            } else {
                double v = dv[(int) i];
                if (sciMode) {
                    ret = sci(v, precision);
                } else if (intMode) {
                    ret = fixed(v, 0);
                    if (Double.isFinite(v)) {
                        ret += ".";
                    }
                } else {
                    ret = fixed(v, precision);
                }
            }
            return ret.length() >= width ? ret : " ".repeat(width - ret.length()) + ret;
        }
    }

    private static String special(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }

    private static boolean negative(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }

    /** Python's {@code '{:.Nf}'.format(v)}: exact value rounded half-even, sign of zero kept. */
    static String fixed(double v, int digits) {
        if (!Double.isFinite(v)) {
            return special(v);
        }
        String s = new BigDecimal(Math.abs(v)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return negative(v) ? "-" + s : s;
    }

    /** Python's {@code '{:.Ne}'.format(v)}: {@code d.dddde+XX}, at least two exponent digits. */
    static String sci(double v, int digits) {
        if (!Double.isFinite(v)) {
            return special(v);
        }
        StringBuilder sb = new StringBuilder(digits + 8);
        if (negative(v)) {
            sb.append('-');
        }
        String mant;
        int exp;
        if (v == 0) {
            mant = "0".repeat(digits + 1);
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
            mant = r.unscaledValue().toString();
            exp = r.precision() - r.scale() - 1;
            if (mant.length() < digits + 1) {
                mant = mant + "0".repeat(digits + 1 - mant.length());
            }
        }
        sb.append(mant.charAt(0));
        if (digits > 0) {
            sb.append('.').append(mant, 1, digits + 1);
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) {
            sb.append('0');
        }
        return sb.append(ae).toString();
    }
}
