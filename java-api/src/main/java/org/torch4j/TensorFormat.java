package org.torch4j;

/** Renders {@link Tensor#toString()} in PyTorch's layout with Python's repr digits. */
final class TensorFormat {
    private static final long SUMMARY_THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        long[] shape = t.shape();
        DType dtype = t.dtype();
        StringBuilder sb = new StringBuilder("tensor(");
        long numel = t.numel();
        if (numel <= SUMMARY_THRESHOLD) {
            if (dtype.isFloatingPoint()) {
                appendNested(sb, t.toDoubleArray(), null, shape, 0, 0, dtype);
            } else {
                appendNested(sb, null, t.toLongArray(), shape, 0, 0, dtype);
            }
        } else {
            try (Scope s = Scope.open()) {
                Tensor flat = t.detach().flatten();
                sb.append("[");
                appendFlat(sb, flat.narrow(0, 0, EDGE), dtype);
                sb.append(", ..., ");
                appendFlat(sb, flat.narrow(0, numel - EDGE, EDGE), dtype);
                sb.append("], shape=").append(java.util.Arrays.toString(shape));
            }
        }
        if (dtype != DType.FLOAT32 && dtype != DType.INT64 && dtype != DType.BOOL) {
            sb.append(", dtype=").append(dtype);
        }
        Device d = t.device();
        if (d.isCuda()) {
            sb.append(", device='").append(d).append('\'');
        }
        String fn = t.gradFn();
        if (fn != null) {
            sb.append(", grad_fn=<").append(fn).append('>');
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    private static void appendFlat(StringBuilder sb, Tensor part, DType dtype) {
        if (dtype.isFloatingPoint()) {
            double[] v = part.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(value(v[i], dtype));
            }
        } else {
            long[] v = part.toLongArray();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(value(v[i], dtype));
            }
        }
    }

    /** Appends the sub-array starting at flat offset {@code off} for dimension {@code dim}; returns the next offset. */
    private static int appendNested(StringBuilder sb, double[] dv, long[] lv, long[] shape, int dim, int off, DType dtype) {
        if (dim == shape.length) {
            sb.append(dv != null ? value(dv[off], dtype) : value(lv[off], dtype));
            return off + 1;
        }
        sb.append('[');
        for (long i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            off = appendNested(sb, dv, lv, shape, dim + 1, off, dtype);
        }
        sb.append(']');
        return off;
    }

    private static String value(double v, DType dtype) {
        return dtype == DType.FLOAT32 ? PyRepr.repr((float) v) : PyRepr.repr(v);
    }

    private static String value(long v, DType dtype) {
        if (dtype == DType.BOOL) {
            return v != 0 ? "True" : "False";
        }
        return Long.toString(v);
    }
}
