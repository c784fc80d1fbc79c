package org.torch4j.parity;

import java.util.Arrays;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * Compares a torch4j tensor with a recorded one: dtype and shape exactly, integer and bool values
 * exactly, float values within a relative tolerance with NaN at the same positions and infinities
 * equal. A float element passes when |actual - expected| <= rtol * max(|expected|, M), M = the
 * largest finite |expected| of the tensor: the norm-wise relative error, so elements near zero that
 * arise from cancellation (window functions, normalisations) are judged at the tensor's scale
 * (0 stays exact when the whole tensor is 0).
 */
final class Compare {
    private Compare() {}

    /** Default relative tolerance of a dtype: 1e-6 float32, 1e-12 float64, one ulp for the 16-bit floats. */
    static double defaultRtol(DType dt) {
        return switch (dt) {
            case FLOAT32 -> 1e-6;
            case FLOAT64 -> 1e-12;
            case FLOAT16 -> 1e-3;
            case BFLOAT16 -> 8e-3;
            default -> 0;
        };
    }

    /** Absolute tolerance added to every float comparison of the current case (tolerances.tsv "rtol,atol"). */
    static final ThreadLocal<Double> ATOL = ThreadLocal.withInitial(() -> 0.0);

    /** Null when equal within tolerance, else what differs. {@code rtolOverride} < 0 means the dtype's default. */
    static String tensor(String what, Tensor actual, Map<String, Object> expected, double rtolOverride) {
        if (actual == null) {
            return what + ": expected a tensor, got null";
        }
        if (Special.isSpecial(expected) || Special.layoutName(actual) != null) {
            return Special.compare(what, actual, expected, rtolOverride);
        }
        DType dt = Recorded.dtype((String) expected.get("dt"));
        long[] shape = Recorded.longs(expected.get("sh"));
        if (expected.containsKey("perm")) {
            long[] perm = Recorded.longs(expected.get("perm"));
            long[] s = new long[shape.length];
            for (int k = 0; k < perm.length; k++) {
                s[k] = shape[(int) perm[k]];
            }
            shape = s;
        }
        if (actual.dtype() != dt) {
            return what + ": dtype " + actual.dtype() + ", expected " + dt;
        }
        if (!Arrays.equals(actual.shape(), shape)) {
            return what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(shape);
        }
        if (!expected.containsKey("x") && !expected.containsKey("v")) {
            return null; // random op: dtype and shape only
        }
        Tensor a = actual;
        if (expected.containsKey("perm")) {
            // Expected data is the contiguous base of a permuted view: compare in the base's layout.
            long[] perm = Recorded.longs(expected.get("perm"));
            long[] inv = new long[perm.length];
            for (int k = 0; k < perm.length; k++) {
                inv[(int) perm[k]] = k;
            }
            a = actual.permute(inv);
        }
        if (expected.containsKey("v")) {
            long[] got = a.toLongArray();
            long[] exp = Recorded.longs(expected.get("v"));
            for (int k = 0; k < exp.length; k++) {
                if (got[k] != exp[k]) {
                    return what + ": element " + k + " is " + got[k] + ", expected " + exp[k]
                            + " (" + mismatches(got, exp) + " of " + exp.length + " differ)";
                }
            }
            return null;
        }
        double rtol = rtolOverride >= 0 ? rtolOverride : defaultRtol(dt);
        return floats(what, a.toDoubleArray(), Recorded.doubles(expected), rtol);
    }

    static String floats(String what, double[] got, double[] exp, double rtol) {
        double m = 0;
        for (double e : exp) {
            if (Double.isFinite(e)) {
                m = Math.max(m, Math.abs(e));
            }
        }
        double floor = m;
        double atol = ATOL.get();
        int bad = 0;
        int first = -1;
        double worst = 0;
        for (int k = 0; k < exp.length; k++) {
            double e = exp[k];
            double g = got[k];
            boolean ok;
            if (Double.isNaN(e) || Double.isNaN(g)) {
                ok = Double.isNaN(e) && Double.isNaN(g);
            } else if (Double.isInfinite(e) || Double.isInfinite(g)) {
                ok = e == g;
            } else {
                double d = Math.abs(g - e);
                double scale = Math.max(Math.abs(e), floor);
                ok = d <= rtol * scale + atol;
                if (scale > 0) {
                    worst = Math.max(worst, d / scale);
                } else if (d > 0) {
                    worst = Double.POSITIVE_INFINITY;
                }
            }
            if (!ok) {
                bad++;
                if (first < 0) {
                    first = k;
                }
            }
        }
        if (bad == 0) {
            return null;
        }
        return what + ": " + bad + " of " + exp.length + " elements differ beyond rtol " + rtol
                + " (worst relative difference " + String.format("%.3g", worst) + "); first at " + first
                + ": got " + got[first] + ", expected " + exp[first];
    }

    private static int mismatches(long[] a, long[] b) {
        int n = 0;
        for (int k = 0; k < b.length; k++) {
            if (a[k] != b[k]) {
                n++;
            }
        }
        return n;
    }
}
