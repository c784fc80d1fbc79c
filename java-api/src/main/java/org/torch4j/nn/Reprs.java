package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.PyRepr;

/** How PyTorch's {@code extra_repr} prints values: Python floats, tuples, booleans. */
final class Reprs {
    private Reprs() {
    }

    /** A Python float: {@code 1e-05}, {@code 0.1}, {@code 1.0}. */
    static String f(double v) {
        return PyRepr.repr(v);
    }

    /** A number as PyTorch's default arguments print: integral values as ints ({@code 20}), others as floats. */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : PyRepr.repr(v);
    }

    /** A Python tuple: {@code (3, 3)}, {@code (3,)}. */
    static String tuple(long[] v) {
        if (v.length == 1) {
            return "(" + v[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return sb.append(')').toString();
    }

    /** A value as given: one number as an int ({@code 2}), several as a tuple ({@code (2, 3)}). */
    static String arg(long[] v) {
        return v.length == 1 ? Long.toString(v[0]) : tuple(v);
    }

    /** Throws unless {@code input} has one of {@code dims} dimensions, naming the module and the shape. */
    static void checkDims(String label, org.torch4j.Tensor input, int... dims) {
        java.util.Objects.requireNonNull(input, () -> label + ": input is null");
        int d = input.dim();
        for (int ok : dims) {
            if (d == ok) {
                return;
            }
        }
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            want.append(i == 0 ? "" : i == dims.length - 1 ? " or " : ", ").append(dims[i]).append('D');
        }
        throw new IllegalArgumentException(label + ": expected " + want + " input, got " + shape(input.shape()));
    }

    /** {@code True} / {@code False}. */
    static String b(boolean v) {
        return v ? "True" : "False";
    }

    /** A shape as in error messages: {@code [8, 1, 28, 28]}. */
    static String shape(long[] s) {
        return Arrays.toString(s);
    }

    /** {@code v} repeated to {@code n} entries if it has one, else checked to have {@code n}. */
    static long[] expand(String op, String what, long[] v, int n) {
        if (v.length == n) {
            return v.clone();
        }
        if (v.length == 1) {
            long[] out = new long[n];
            Arrays.fill(out, v[0]);
            return out;
        }
        throw new IllegalArgumentException(op + ": " + what + " must be one value or " + n + " values, got " + Arrays.toString(v));
    }
}
