package org.torch4j;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} for Java doubles, so printed numbers match what PyTorch/numpy print
 * character for character.
 *
 * <p>Follows CPython's {@code float_repr} ({@code PyOS_double_to_string(x, 'r', 0,
 * Py_DTSF_ADD_DOT_0)} with {@code float_repr_style == 'short'}, Python/pystrtod.c
 * {@code format_float_short}), whose digits come from David Gay's {@code _Py_dg_dtoa} in mode 0:
 * the shortest decimal string that reads back as the same double, and among the shortest ones the
 * one nearest to the exact binary value. Formatting rules of {@code format_float_short} for 'r':
 * with {@code decpt} the decimal point position (value = 0.d1d2... &times; 10^decpt), exponent
 * notation is used when {@code decpt <= -4 || decpt > 16} (i.e. scientific exponent &lt; -4 or
 * &ge; 16), written as {@code d[.ddd]e±XX} with at least two exponent digits ({@code 1e-05},
 * {@code 1.5e+16}, {@code 5e-324}); otherwise positional with at least one digit after the point
 * ({@code 123.0}, {@code 0.0001}). Specials are {@code inf}, {@code -inf}, {@code nan}; the sign
 * of zero is kept ({@code -0.0}).
 *
 * <p>JDK 17's {@link Double#toString(double)} is not always shortest (fixed only in JDK 19), so
 * it is used only as an upper bound on the digit count: shorter precisions are tried with exact
 * {@link BigDecimal} arithmetic, considering the candidates on both sides of the value (the
 * rounding interval is asymmetric at powers of two), and round-trip checked with
 * {@link Double#parseDouble(String)}, which is correctly rounded.
 */
public final class PyRepr {

    private PyRepr() {}

    /** Python's {@code repr(float(v))}. */
    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0.0" : "0.0";
        }
        boolean negative = v < 0;
        double a = Math.abs(v);
        String s = fastIntegral(a);
        if (s == null) {
            Digits d = shortest(a);
            s = format(d.digits, d.decpt);
        }
        return negative ? "-" + s : s;
    }

    /**
     * Python's {@code repr} of a float32 value: Python (and numpy's {@code .item()}/{@code float()})
     * widens it to double first, so this is {@code repr((double) v)}, e.g. {@code 0.1f} gives
     * {@code 0.10000000149011612}.
     */
    public static String repr(float v) {
        return repr((double) v);
    }

    // ---------------------------------------------------------------------------------------

    /** Digit string without leading/trailing zeros and Python's decpt (value = 0.digits * 10^decpt). */
    private record Digits(String digits, int decpt) {}

    /**
     * Fast path for the very common positive integral values below 2^53 (exactly representable,
     * so the integer's own digits without trailing zeros are the shortest round-tripping string).
     */
    private static String fastIntegral(double a) {
        if (a >= 9007199254740992.0 || a != Math.rint(a)) {
            return null;
        }
        long n = (long) a;
        String digits = Long.toString(n);
        int decpt = digits.length();
        if (decpt > 16) {
            return null; // cannot happen below 2^53 (16 digits), kept for safety
        }
        return digits + ".0";
    }

    private static Digits shortest(double a) {
        BigDecimal exact = new BigDecimal(a);
        // Upper bound: Double.toString round-trips, so its significant digit count n is enough.
        int n = significantDigits(Double.toString(a));
        // Round-tripping is monotone in the precision (a p-digit string is also a (p+1)-digit
        // one), so walk down from n while a shorter candidate still round-trips.
        BigDecimal best = nearestRoundTrip(exact, a, n);
        if (best == null) {
            // Should not happen (Double.toString always round-trips); fall back to a full search.
            for (int p = 1; p <= 17 && best == null; p++) {
                best = nearestRoundTrip(exact, a, p);
            }
            if (best == null) {
                throw new IllegalStateException("no round-tripping representation for " + a);
            }
        }
        for (int p = n - 1; p >= 1; p--) {
            BigDecimal c = nearestRoundTrip(exact, a, p);
            if (c == null) {
                break;
            }
            best = c;
        }
        return toDigits(best);
    }

    /**
     * Among the (at most two) p-significant-digit decimals adjacent to {@code exact}, the one that
     * reads back as {@code a}; if both do, the nearer one (ties to an even last digit); null if
     * neither does.
     */
    private static BigDecimal nearestRoundTrip(BigDecimal exact, double a, int p) {
        BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
        if (down.compareTo(exact) == 0) {
            return roundTrips(down, a) ? down : null;
        }
        BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
        boolean downOk = roundTrips(down, a);
        boolean upOk = roundTrips(up, a);
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp < 0) {
                return down;
            }
            if (cmp > 0) {
                return up;
            }
            return lastDigitEven(down) ? down : up;
        }
        if (downOk) {
            return down;
        }
        if (upOk) {
            return up;
        }
        return null;
    }

    private static boolean lastDigitEven(BigDecimal d) {
        return !d.unscaledValue().testBit(0);
    }

    private static boolean roundTrips(BigDecimal candidate, double a) {
        return Double.parseDouble(candidate.toString()) == a;
    }

    private static Digits toDigits(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        BigInteger unscaled = s.unscaledValue();
        String digits = unscaled.toString();
        // value = unscaled * 10^-scale = 0.digits * 10^(len - scale)
        int decpt = digits.length() - s.scale();
        return new Digits(digits, decpt);
    }

    /** Number of significant digits in a Java {@code Double.toString} result (positive, finite, non-zero). */
    private static int significantDigits(String javaRepr) {
        int e = javaRepr.indexOf('E');
        String mant = e >= 0 ? javaRepr.substring(0, e) : javaRepr;
        StringBuilder sb = new StringBuilder(mant.length());
        for (int i = 0; i < mant.length(); i++) {
            char c = mant.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        int start = 0;
        while (start < sb.length() && sb.charAt(start) == '0') {
            start++;
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == '0') {
            end--;
        }
        return Math.max(1, Math.min(17, end - start));
    }

    /** CPython's format_float_short for type 'r', precision 0, Py_DTSF_ADD_DOT_0. */
    private static String format(String digits, int decpt) {
        int nd = digits.length();
        StringBuilder sb = new StringBuilder(nd + 8);
        if (decpt <= -4 || decpt > 16) {
            int exp = decpt - 1;
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
        } else if (decpt <= 0) {
            sb.append("0.");
            for (int i = 0; i < -decpt; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (decpt >= nd) {
            sb.append(digits);
            for (int i = nd; i < decpt; i++) {
                sb.append('0');
            }
            sb.append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, nd);
        }
        return sb.toString();
    }
}
