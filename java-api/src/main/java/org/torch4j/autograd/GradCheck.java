package org.torch4j.autograd;

import java.util.Locale;
import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Checks analytic gradients against finite differences, as {@code torch.autograd.gradcheck}: for
 * every input that requires grad and every element of it, the central difference
 * {@code (f(x + eps) - f(x - eps)) / 2 eps} of every output element is compared with the Jacobian
 * that backward computes (one backward pass per output element, with a one-hot gradient). The
 * inputs that require grad must be float64 (finite differences in float32 are too coarse to say
 * anything); the function may have several inputs and outputs. Inputs are not modified: the check
 * runs on copies.
 * <pre>{@code
 * Tensor x = Torch.randn(DType.FLOAT64, 5).requiresGrad(true);
 * GradCheck.gradcheck(in -> new Tensor[] {new LegendrePolynomial3().apply(in[0])}, x);  // throws if wrong
 * }</pre>
 */
public final class GradCheck {
    /** PyTorch's defaults. */
    public static final double EPS = 1e-6;
    /** Default absolute tolerance ({@code atol}, PyTorch's default). */
    public static final double ATOL = 1e-5;
    /** Default relative tolerance ({@code rtol}, PyTorch's default). */
    public static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /** A function under test: inputs in, outputs out. */
    @FunctionalInterface
    public interface Fn {
        /** Computes the outputs from {@code inputs}. */
        Tensor[] apply(Tensor[] inputs);
    }

    /**
     * Outcome of a check.
     *
     * @param passed        every Jacobian entry within {@code atol + rtol * |numerical|}
     * @param maxAbsError   largest |analytic - numerical| over all entries
     * @param firstMismatch where the first entry out of tolerance was, or null
     */
    public record Result(boolean passed, double maxAbsError, String firstMismatch) {
    }

    /** {@link #check} with PyTorch's defaults; throws a {@link TorchException} describing the first mismatch. */
    public static boolean gradcheck(Fn fn, Tensor... inputs) {
        Result r = check(fn, EPS, ATOL, RTOL, inputs);
        if (!r.passed()) {
            throw new TorchException("gradcheck: Jacobian mismatch: " + r.firstMismatch()
                    + String.format(Locale.ROOT, " (max abs error %.3g)", r.maxAbsError()));
        }
        return true;
    }

    /** Compares analytic and numerical Jacobians of {@code fn} at {@code inputs}. */
    public static Result check(Fn fn, double eps, double atol, double rtol, Tensor... inputs) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(inputs, "inputs");
        if (!(eps > 0) || atol < 0 || rtol < 0) {
            throw new IllegalArgumentException("gradcheck: need eps > 0, atol >= 0, rtol >= 0");
        }
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            if (x != null && x.requiresGrad() && x.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: input " + i + " requires grad but is " + x.dtype()
                        + "; use float64 inputs");
            }
        }
        try (Scope scope = Scope.open(); Grad.Guard on = Grad.enableGrad()) {
            // private copies: leaves with the same values and requires_grad flags
            Tensor[] xs = new Tensor[inputs.length];
            double[][] values = new double[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                Tensor x = inputs[i];
                if (x != null) {
                    xs[i] = x.detach().clone().requiresGrad(x.requiresGrad());
                    values[i] = x.requiresGrad() ? xs[i].toDoubleArray() : null;
                }
            }
            Tensor[] outs = fn.apply(xs);
            double[][] outValues = new double[outs.length][];
            for (int o = 0; o < outs.length; o++) {
                outValues[o] = outs[o].toDoubleArray();
            }

            double worst = 0;
            String mismatch = null;
            for (int i = 0; i < inputs.length; i++) {
                if (values[i] == null) {
                    continue;
                }
                double[][][] numerical = numerical(fn, xs, i, values[i], eps, outs.length);
                for (int o = 0; o < outs.length; o++) {
                    if (!outs[o].requiresGrad()) {
                        // no graph to this output: every analytic entry is 0
                        for (int e = 0; e < values[i].length; e++) {
                            for (int k = 0; k < outValues[o].length; k++) {
                                double n = numerical[e][o][k];
                                worst = Math.max(worst, Math.abs(n));
                                if (!(Math.abs(n) <= atol + rtol * Math.abs(n)) && mismatch == null) {
                                    mismatch = where(i, e, o, k, 0, n) + " (output " + o + " does not depend on the inputs)";
                                }
                            }
                        }
                        continue;
                    }
                    for (int k = 0; k < outValues[o].length; k++) {
                        double[] row = analyticRow(outs[o], k, xs[i]);
                        for (int e = 0; e < values[i].length; e++) {
                            double a = row == null ? 0 : row[e];
                            double n = numerical[e][o][k];
                            double err = Math.abs(a - n);
                            if (Double.isNaN(err)) {
                                err = Double.POSITIVE_INFINITY;
                            }
                            worst = Math.max(worst, err);
                            if (!(err <= atol + rtol * Math.abs(n)) && mismatch == null) {
                                mismatch = where(i, e, o, k, a, n);
                            }
                        }
                    }
                }
            }
            return new Result(mismatch == null, worst, mismatch);
        }
    }

    private static String where(int i, int e, int o, int k, double analytic, double numerical) {
        return String.format(Locale.ROOT, "d output %d[%d] / d input %d[%d]: analytic %.9g, numerical %.9g",
                o, k, i, e, analytic, numerical);
    }

    /** d out[k] / d x for every element of x: one backward pass with a one-hot gradient. */
    private static double[] analyticRow(Tensor out, int k, Tensor x) {
        try (Scope s = Scope.open()) {
            double[] oneHot = new double[Math.toIntExact(out.numel())];
            oneHot[k] = 1;
            Tensor g = Torch.tensor(oneHot).reshape(out.shape()).to(out.dtype());
            x.setGrad(null);
            out.backward(g, true);
            Tensor grad = x.grad();
            double[] row = grad == null ? null : grad.toDoubleArray();
            x.setGrad(null);
            return row;
        }
    }

    /** [element of input i][output][output element]: central differences, evaluated with grad mode off. */
    private static double[][][] numerical(Fn fn, Tensor[] xs, int i, double[] base, double eps, int nOut) {
        double[][][] jac = new double[base.length][nOut][];
        long[] shape = xs[i].shape();
        Tensor[] args = xs.clone();
        for (int e = 0; e < base.length; e++) {
            double[][] plus = evaluate(fn, args, i, base, e, base[e] + eps, shape);
            double[][] minus = evaluate(fn, args, i, base, e, base[e] - eps, shape);
            for (int o = 0; o < nOut; o++) {
                double[] d = new double[plus[o].length];
                for (int k = 0; k < d.length; k++) {
                    d[k] = (plus[o][k] - minus[o][k]) / (2 * eps);
                }
                jac[e][o] = d;
            }
        }
        return jac;
    }

    private static double[][] evaluate(Fn fn, Tensor[] args, int i, double[] base, int e, double value, long[] shape) {
        try (Scope s = Scope.open(); Grad.Guard off = Grad.noGrad()) {
            double[] v = base.clone();
            v[e] = value;
            Tensor[] a = args.clone();
            a[i] = Torch.tensor(v).reshape(shape);
            Tensor[] outs = fn.apply(a);
            double[][] r = new double[outs.length][];
            for (int o = 0; o < outs.length; o++) {
                r[o] = outs[o].toDoubleArray();
            }
            return r;
        }
    }
}
