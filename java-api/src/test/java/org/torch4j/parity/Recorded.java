package org.torch4j.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Builds torch4j tensors from the recording's encoding (record_parity.py documents it) and reads
 * expected values back: float dtypes travel as IEEE bits (exact), integer and bool dtypes as
 * integers; a non-contiguous input is its contiguous base plus a permutation.
 */
final class Recorded {
    private Recorded() {}

    /** A decoded tensor: the leaf {@code base} (what gets {@code requires_grad}) and the argument {@code view}. */
    record Built(Tensor base, Tensor view, long[] perm) {}

    static DType dtype(String name) {
        for (DType d : DType.values()) {
            if (d.toString().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype " + name);
    }

    @SuppressWarnings("unchecked")
    static long[] longs(Object list) {
        List<Object> l = (List<Object>) list;
        long[] out = new long[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) l.get(k)).longValue();
        }
        return out;
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Expected values as doubles (floats) — exact for every float dtype. */
    static double[] doubles(Map<String, Object> enc) {
        String hex = (String) enc.get("x");
        boolean f64 = "float64".equals(enc.get("dt")) || "complex128".equals(enc.get("dt"));
        int width = f64 ? 16 : 8;
        double[] out = new double[hex.length() / width];
        for (int k = 0; k < out.length; k++) {
            String h = hex.substring(k * width, (k + 1) * width);
            out[k] = f64 ? Double.longBitsToDouble(Long.parseUnsignedLong(h, 16))
                    : Float.intBitsToFloat((int) Long.parseLong(h, 16));
        }
        return out;
    }

    /** Builds a recorded tensor (contiguous base, then the recorded permutation if any). */
    static Built tensor(Map<String, Object> enc) {
        return tensor(enc, false);
    }

    /** As {@link #tensor(Map)}; with {@code requiresGrad} the base is a leaf that requires grad before the view is taken. */
    static Built tensor(Map<String, Object> enc, boolean requiresGrad) {
        if (Special.isSpecial(enc)) {
            Tensor t = Special.build(enc); // sparse / MKL-DNN / nested / complex / quantized: never a gradient leaf
            return new Built(t, t, null);
        }
        DType dt = dtype((String) enc.get("dt"));
        long[] shape = longs(enc.get("sh"));
        long n = numel(shape);
        Tensor base;
        if (n == 0) {
            base = Torch.zeros(dt, shape);
        } else {
            long[] flat = shape.length == 0 ? new long[] {1} : shape;
            Tensor t;
            if (enc.containsKey("x")) {
                double[] v = doubles(enc);
                if (dt == DType.FLOAT64) {
                    t = Torch.tensor(v, flat);
                } else {
                    float[] f = new float[v.length];
                    for (int k = 0; k < f.length; k++) {
                        f[k] = (float) v[k];
                    }
                    t = Torch.tensor(f, flat);
                }
                if (dt != DType.FLOAT32 && dt != DType.FLOAT64) {
                    t = t.to(dt);
                }
            } else {
                t = Torch.tensor(longs(enc.get("v")), flat);
                if (dt != DType.INT64) {
                    t = t.to(dt);
                }
            }
            base = shape.length == 0 ? t.reshape() : t;
        }
        if (requiresGrad) {
            base.requiresGrad(true);
        }
        long[] perm = enc.containsKey("perm") ? longs(enc.get("perm")) : null;
        return new Built(base, perm == null ? base : base.permute(perm), perm);
    }

    /** All tensors an output holds, flattened in order (tuple, list and record elements). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> outTensors(Object out) {
        List<Map<String, Object>> acc = new ArrayList<>();
        if (out instanceof Map<?, ?> m) {
            if (m.containsKey("T")) {
                acc.add((Map<String, Object>) m.get("T"));
            } else if (m.containsKey("tuple") || m.containsKey("list")) {
                Object l = m.containsKey("tuple") ? m.get("tuple") : m.get("list");
                for (Object e : (List<Object>) l) {
                    acc.addAll(outTensors(e));
                }
            }
        }
        return acc;
    }
}
