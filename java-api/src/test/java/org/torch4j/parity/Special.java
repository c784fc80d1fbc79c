package org.torch4j.parity;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.Layout;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The tensors of the recording that are not strided real ones (record_parity.enc_special documents the
 * encoding): sparse COO / CSR / CSC / BSR / BSC and MKL-DNN layouts, nested tensors, complex and
 * quantized dtypes. torch4j has no public constructors for most of them (nor a dtype for complex32
 * tensors; quantized ones were recorded before DType named them), so this test code builds and reads them through the documented escape hatch
 * ({@link Tensor#wrap} / {@link Tensor#unwrap}); every tensor it makes is adopted by the case's Scope.
 */
final class Special {
    private Special() {}

    /** Whether an encoding describes a tensor this class builds. */
    static boolean isSpecial(Map<String, Object> enc) {
        return enc.containsKey("layout") || complex((String) enc.get("dt")) || quantized((String) enc.get("dt"));
    }

    static boolean complex(String dt) {
        return dt != null && dt.startsWith("complex");
    }

    static boolean quantized(String dt) {
        return dt != null && dt.startsWith("q");
    }

    /** PyTorch's name of a tensor's dtype, including those {@link DType} lacks (quint8, qint8, qint32, complex32). */
    static String dtypeName(Tensor t) {
        ScalarType st = t.unwrap().scalar_type();
        if (st.value == ScalarType.QUInt8.value) {
            return "quint8";
        }
        if (st.value == ScalarType.QInt8.value) {
            return "qint8";
        }
        if (st.value == ScalarType.QInt32.value) {
            return "qint32";
        }
        if (st.value == ScalarType.ComplexHalf.value) {
            return "complex32";
        }
        return t.dtype().toString();
    }

    /** The recording's layout name of a tensor: null for strided, "nested", "sparse_coo", ..., "mkldnn". */
    static String layoutName(Tensor t) {
        org.bytedeco.pytorch.Tensor n = t.unwrap();
        if (n.is_nested()) {
            return "nested";
        }
        int v = n.layout().value;
        if (v == Layout.Strided.value) {
            return null;
        }
        if (v == Layout.Sparse.value) {
            return "sparse_coo";
        }
        if (v == Layout.SparseCsr.value) {
            return "sparse_csr";
        }
        if (v == Layout.SparseCsc.value) {
            return "sparse_csc";
        }
        if (v == Layout.SparseBsr.value) {
            return "sparse_bsr";
        }
        if (v == Layout.SparseBsc.value) {
            return "sparse_bsc";
        }
        if (v == Layout.Mkldnn.value) {
            return "mkldnn";
        }
        return n.layout().toString();
    }

    /** Builds the tensor an encoding with a layout, a complex or a quantized dtype describes. */
    @SuppressWarnings("unchecked")
    static Tensor build(Map<String, Object> enc) {
        String layout = (String) enc.get("layout");
        String dt = (String) enc.get("dt");
        if ("nested".equals(layout)) {
            List<Object> parts = (List<Object>) enc.get("parts");
            TensorVector v = new TensorVector();
            for (Object p : parts) {
                v.push_back(Recorded.tensor((Map<String, Object>) p).view().unwrap());
            }
            return Tensor.wrap(org.bytedeco.pytorch.global.torch.nested_tensor(v));
        }
        if (complex(dt)) {
            long[] sh = Recorded.longs(enc.get("sh"));
            long[] parts = java.util.Arrays.copyOf(sh, sh.length + 1);
            parts[sh.length] = 2;
            Map<String, Object> real = new java.util.HashMap<>(enc);
            real.put("dt", "complex128".equals(dt) ? "float64" : "float32");
            real.put("sh", toList(parts));
            Tensor f = Recorded.tensor(real).view();
            Tensor c = Tensor.wrap(org.bytedeco.pytorch.global.torch.view_as_complex(f.unwrap()).clone());
            return "complex32".equals(dt) ? Tensor.wrap(c.unwrap().to(ScalarType.ComplexHalf)) : c;
        }
        if (quantized(dt)) {
            long[] sh = Recorded.longs(enc.get("sh"));
            Tensor q = Torch.tensor(Recorded.longs(enc.get("v")), sh.length == 0 ? new long[] {1} : sh);
            if (sh.length == 0) {
                q = q.reshape();
            }
            ScalarType st = switch (dt) {
                case "quint8" -> ScalarType.QUInt8;
                case "qint8" -> ScalarType.QInt8;
                default -> ScalarType.QInt32;
            };
            if (enc.containsKey("qscale")) {
                double scale = JavaCall.number(enc.get("qscale"));
                long zero = ((Number) enc.get("qzero")).longValue();
                Tensor f = q.sub(zero).to(DType.FLOAT32).mul(scale);
                return Tensor.wrap(org.bytedeco.pytorch.global.torch.quantize_per_tensor(f.unwrap(), scale, zero, st));
            }
            int axis = ((Number) enc.get("qaxis")).intValue();
            Tensor scales = Torch.tensor(doubles(enc.get("qscales")), ((List<Object>) enc.get("qscales")).size());
            Tensor zeros = Torch.tensor(Recorded.longs(enc.get("qzeros")), ((List<Object>) enc.get("qzeros")).size());
            long[] bshape = new long[sh.length];
            java.util.Arrays.fill(bshape, 1);
            bshape[axis] = -1;
            Tensor f = q.sub(zeros.reshape(bshape)).to(DType.FLOAT64).mul(scales.reshape(bshape)).to(DType.FLOAT32);
            return Tensor.wrap(org.bytedeco.pytorch.global.torch.quantize_per_channel(
                    f.unwrap(), scales.unwrap(), zeros.unwrap(), axis, st));
        }
        if ("sparse_coo".equals(layout)) {
            Tensor idx = Recorded.tensor((Map<String, Object>) enc.get("indices")).view();
            Tensor val = Recorded.tensor((Map<String, Object>) enc.get("values")).view();
            org.bytedeco.pytorch.Tensor s = org.bytedeco.pytorch.global.torch.sparse_coo_tensor(
                    idx.unwrap(), val.unwrap(), Recorded.longs(enc.get("sh")),
                    new org.bytedeco.pytorch.TensorOptions(), new org.bytedeco.pytorch.BoolOptional());
            Tensor t = Tensor.wrap(s);
            return Boolean.TRUE.equals(enc.get("coalesced")) ? Tensor.wrap(t.unwrap().coalesce()) : t;
        }
        Map<String, Object> plain = new java.util.HashMap<>(enc);
        plain.remove("layout");
        Tensor dense = Recorded.tensor(plain).view();
        org.bytedeco.pytorch.Tensor d = dense.unwrap();
        return switch (layout) {
            case "sparse_csr" -> Tensor.wrap(d.to_sparse_csr());
            case "sparse_csc" -> Tensor.wrap(d.to_sparse_csc());
            case "sparse_bsr" -> Tensor.wrap(d.to_sparse_bsr(Recorded.longs(enc.get("blocksize"))));
            case "sparse_bsc" -> Tensor.wrap(d.to_sparse_bsc(Recorded.longs(enc.get("blocksize"))));
            case "mkldnn" -> Tensor.wrap(d.to_mkldnn());
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
    }

    /**
     * Null when a tensor with a layout, a complex or a quantized dtype matches its recording, else what
     * differs. Sparse and MKL-DNN results are compared by layout and dense values (COO also by sparse_dim),
     * nested ones part by part, complex ones by their view_as_real values, quantized ones by scale,
     * zero point (per channel: scales, zero points, axis) and int_repr.
     */
    @SuppressWarnings("unchecked")
    static String compare(String what, Tensor actual, Map<String, Object> expected, double rtol) {
        String layout = (String) expected.get("layout");
        String got = layoutName(actual);
        if (!java.util.Objects.equals(layout, got)) {
            return what + ": layout " + (got == null ? "strided" : got) + ", expected " + (layout == null ? "strided" : layout);
        }
        if ("nested".equals(layout)) {
            List<Object> parts = (List<Object>) expected.get("parts");
            TensorVector v = actual.unwrap().unbind(0);
            if (v.size() != parts.size()) {
                return what + ": " + v.size() + " nested parts, expected " + parts.size();
            }
            for (int k = 0; k < parts.size(); k++) {
                String d = Compare.tensor(what + " part " + k, Tensor.wrap(v.get(k)), (Map<String, Object>) parts.get(k), rtol);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        Map<String, Object> plain = new java.util.HashMap<>(expected);
        plain.remove("layout");
        if (layout != null) {
            if (expected.containsKey("sparse_dim") && actual.unwrap().sparse_dim() != ((Number) expected.get("sparse_dim")).longValue()) {
                return what + ": sparse_dim " + actual.unwrap().sparse_dim() + ", expected " + expected.get("sparse_dim");
            }
            actual = Tensor.wrap(actual.unwrap().to_dense());
            if (!isSpecial(plain)) {
                return Compare.tensor(what + " (to_dense)", actual, plain, rtol);
            }
        }
        String dt = (String) expected.get("dt");
        String gotDt = dtypeName(actual);
        if (!dt.equals(gotDt)) {
            return what + ": dtype " + gotDt + ", expected " + dt;
        }
        if (!java.util.Arrays.equals(actual.shape(), Recorded.longs(expected.get("sh")))) {
            return what + ": shape " + java.util.Arrays.toString(actual.shape()) + ", expected " + expected.get("sh");
        }
        if (complex(dt)) {
            org.bytedeco.pytorch.Tensor c = actual.unwrap().resolve_conj();
            if ("complex32".equals(dt)) {
                c = c.to(ScalarType.ComplexFloat);
            }
            Tensor parts = Tensor.wrap(org.bytedeco.pytorch.global.torch.view_as_real(c));
            double tol = rtol >= 0 ? rtol : "complex128".equals(dt) ? 1e-12 : "complex32".equals(dt) ? 1e-3 : 1e-6;
            return Compare.floats(what + " (view_as_real)", parts.toDoubleArray(), Recorded.doubles(expected), tol);
        }
        // quantized
        org.bytedeco.pytorch.Tensor n = actual.unwrap();
        if (expected.containsKey("qscale")) {
            String d = Compare.floats(what + " q_scale", new double[] {n.q_scale()},
                    new double[] {JavaCall.number(expected.get("qscale"))}, 1e-6);
            if (d != null) {
                return d;
            }
            if (n.q_zero_point() != ((Number) expected.get("qzero")).longValue()) {
                return what + ": q_zero_point " + n.q_zero_point() + ", expected " + expected.get("qzero");
            }
        } else if (expected.containsKey("qscales")) {
            String d = Compare.floats(what + " q_per_channel_scales", Tensor.wrap(n.q_per_channel_scales()).toDoubleArray(),
                    doubles(expected.get("qscales")), 1e-6);
            if (d != null) {
                return d;
            }
            if (!java.util.Arrays.equals(Tensor.wrap(n.q_per_channel_zero_points()).toLongArray(), Recorded.longs(expected.get("qzeros")))
                    || n.q_per_channel_axis() != ((Number) expected.get("qaxis")).longValue()) {
                return what + ": per-channel zero points / axis differ from " + expected.get("qzeros") + " / " + expected.get("qaxis");
            }
        }
        if (!expected.containsKey("v")) {
            return null; // empty_quantized: uninitialised values
        }
        long[] g = Tensor.wrap(n.int_repr()).toLongArray();
        long[] e = Recorded.longs(expected.get("v"));
        return java.util.Arrays.equals(g, e) ? null : what + ": int_repr differs: " + java.util.Arrays.toString(g)
                + ", expected " + java.util.Arrays.toString(e);
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] out = new double[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = JavaCall.number(l.get(k));
        }
        return out;
    }

    private static List<Object> toList(long[] a) {
        List<Object> l = new java.util.ArrayList<>();
        for (long v : a) {
            l.add(v);
        }
        return l;
    }
}
