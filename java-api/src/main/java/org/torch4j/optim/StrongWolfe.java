package org.torch4j.optim;

import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * LBFGS's {@code line_search_fn="strong_wolfe"}: PyTorch 1.13's {@code _strong_wolfe} and
 * {@code _cubic_interpolate} (torch/optim/lbfgs.py), statement for statement.
 *
 * <p>Those functions mix Python floats (the losses, the first step sizes) with float32 0-dim
 * tensors (the directional derivatives {@code gtd = g.dot(d)}, {@code d_norm}, and anything
 * computed from them): an operation with a tensor operand rounds the Python float to float32 and
 * yields a float32 tensor, a comparison with a tensor compares in float32, and Python's
 * {@code min}/{@code max} return whichever operand wins, tensor or float. {@link Num} carries that
 * distinction so every step size and every decision is PyTorch's.
 */
final class StrongWolfe {
    private StrongWolfe() {
    }

    /**
     * A number of the line search as Python holds it: a Python float ({@code tensor == false},
     * double arithmetic) or a float32 0-dim tensor ({@code tensor == true}, {@code v} is a float).
     */
    record Num(double v, boolean tensor) {
        static Num py(double v) {
            return new Num(v, false);
        }

        static Num f32(double v) {
            return new Num((float) v, true);
        }

        private static Num of(double result, Num a, Num b) {
            return a.tensor || b.tensor ? f32(result) : py(result);
        }

        /** The operand as the operation sees it: rounded to float32 when the other side is a tensor. */
        private double in(Num other) {
            return tensor || other.tensor ? (float) v : v;
        }

        Num plus(Num o) {
            return of(in(o) + o.in(this), this, o);
        }

        Num minus(Num o) {
            return of(in(o) - o.in(this), this, o);
        }

        Num times(Num o) {
            return of(in(o) * o.in(this), this, o);
        }

        Num div(Num o) {
            return of(in(o) / o.in(this), this, o);
        }

        Num plus(double o) {
            return plus(py(o));
        }

        Num minus(double o) {
            return minus(py(o));
        }

        Num times(double o) {
            return times(py(o));
        }

        Num abs() {
            return new Num(Math.abs(v), tensor);
        }

        Num sqrt() {
            return tensor ? f32(Math.sqrt(v)) : py(Math.sqrt(v));
        }

        boolean gt(Num o) {
            return in(o) > o.in(this);
        }

        boolean ge(Num o) {
            return in(o) >= o.in(this);
        }

        boolean lt(Num o) {
            return in(o) < o.in(this);
        }

        boolean le(Num o) {
            return in(o) <= o.in(this);
        }

        /** Python's {@code max(a, b)}: {@code b} only if {@code b > a}. */
        static Num max(Num a, Num b) {
            return b.gt(a) ? b : a;
        }

        /** Python's {@code min(a, b)}: {@code b} only if {@code b < a}. */
        static Num min(Num a, Num b) {
            return b.lt(a) ? b : a;
        }
    }

    /** {@code obj_func(x, t, d)}: the loss (a Python float) and flat gradient at {@code x + t * d}, parameters restored. */
    interface Objective {
        Evaluation at(Num t);
    }

    /** One evaluation: loss and flat gradient (owned by the step's Scope). */
    record Evaluation(double loss, Tensor flatGrad) {
    }

    /** What {@code _strong_wolfe} returns: {@code f_new, g_new, t, ls_func_evals}. */
    record Result(double loss, Tensor flatGrad, Num t, int funcEvals) {
    }

    /** {@code _cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds)}; {@code xmin == null} means no bounds. */
    static Num cubicInterpolate(Num x1, Num f1, Num g1, Num x2, Num f2, Num g2, Num xminBound, Num xmaxBound) {
        if (xminBound == null) {
            boolean ordered = x1.le(x2);
            xminBound = ordered ? x1 : x2;
            xmaxBound = ordered ? x2 : x1;
        }
        // d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        Num d1 = g1.plus(g2).minus(Num.py(3).times(f1.minus(f2)).div(x1.minus(x2)));
        Num d2Square = d1.times(d1).minus(g1.times(g2));
        if (d2Square.ge(Num.py(0))) {
            Num d2 = d2Square.sqrt();
            Num minPos;
            if (x1.le(x2)) {
                minPos = x2.minus(x2.minus(x1).times(g2.plus(d2).minus(d1).div(g2.minus(g1).plus(Num.py(2).times(d2)))));
            } else {
                minPos = x1.minus(x1.minus(x2).times(g1.plus(d2).minus(d1).div(g1.minus(g2).plus(Num.py(2).times(d2)))));
            }
            return Num.min(Num.max(minPos, xminBound), xmaxBound);
        }
        return xminBound.plus(xmaxBound).div(Num.py(2.));
    }

    /**
     * {@code _strong_wolfe(obj_func, x, t, d, f, g, gtd, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25)},
     * with PyTorch's defaults but {@code tolerance_change}, which PyTorch 1.13's LBFGS does not pass
     * either (its own {@code tolerance_change} option is not used by the line search).
     */
    static Result search(Objective objFunc, Num t, Tensor d, double f, Tensor g, Num gtd) {
        final double c1 = 1e-4;
        final double c2 = 0.9;
        final double toleranceChange = 1e-9;
        final int maxLs = 25;
        Num dNorm;
        try (Scope s = Scope.open()) {
            dNorm = Num.f32(d.abs().max().itemFloat());
        }
        Evaluation e = objFunc.at(t);
        double fNew = e.loss();
        Tensor gNew = e.flatGrad();
        int lsFuncEvals = 1;
        Num gtdNew = Num.f32(LBFGS.dot(gNew, d));

        Num tPrev = Num.py(0);
        double fPrev = f;
        Tensor gPrev = g;
        Num gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        Num[] bracket = null;
        double[] bracketF = null;
        Tensor[] bracketG = null;
        Num[] bracketGtd = null;
        Num negC2Gtd = Num.py(-c2).times(gtd);
        while (lsIter < maxLs) {
            // f + c1 * t * gtd
            Num armijo = Num.py(f).plus(Num.py(c1).times(t).times(gtd));
            if (Num.py(fNew).gt(armijo) || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new Num[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew};
                bracketGtd = new Num[] {gtdPrev, gtdNew};
                break;
            }
            if (gtdNew.abs().le(negC2Gtd)) {
                bracket = new Num[] {t};
                bracketF = new double[] {fNew};
                bracketG = new Tensor[] {gNew};
                done = true;
                break;
            }
            if (gtdNew.ge(Num.py(0))) {
                bracket = new Num[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew};
                bracketGtd = new Num[] {gtdPrev, gtdNew};
                break;
            }
            // interpolate
            Num minStep = t.plus(Num.py(0.01).times(t.minus(tPrev)));
            Num maxStep = t.times(10);
            Num tmp = t;
            t = cubicInterpolate(tPrev, Num.py(fPrev), gtdPrev, t, Num.py(fNew), gtdNew, minStep, maxStep);
            // next step
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            e = objFunc.at(t);
            fNew = e.loss();
            gNew = e.flatGrad();
            lsFuncEvals++;
            gtdNew = Num.f32(LBFGS.dot(gNew, d));
            lsIter++;
        }
        // reached max number of iterations?
        if (lsIter == maxLs) {
            bracket = new Num[] {Num.py(0), t};
            bracketF = new double[] {f, fNew};
            bracketG = new Tensor[] {g, gNew};
        }

        // zoom phase: a point satisfying the criteria lies between the two brackets
        boolean insufProgress = false;
        int lowPos = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int highPos = 1 - lowPos;
        while (!done && lsIter < maxLs) {
            // line-search bracket is so small
            if (bracket[1].minus(bracket[0]).abs().times(dNorm).lt(Num.py(toleranceChange))) {
                break;
            }
            t = cubicInterpolate(bracket[0], Num.py(bracketF[0]), bracketGtd[0], bracket[1], Num.py(bracketF[1]), bracketGtd[1], null,
                    null);
            Num hi = Num.max(bracket[0], bracket[1]);
            Num lo = Num.min(bracket[0], bracket[1]);
            Num eps = Num.py(0.1).times(hi.minus(lo));
            if (Num.min(hi.minus(t), t.minus(lo)).lt(eps)) {
                // interpolation close to boundary
                if (insufProgress || t.ge(hi) || t.le(lo)) {
                    // evaluate at 0.1 away from boundary
                    if (t.minus(hi).abs().lt(t.minus(lo).abs())) {
                        t = hi.minus(eps);
                    } else {
                        t = lo.plus(eps);
                    }
                    insufProgress = false;
                } else {
                    insufProgress = true;
                }
            } else {
                insufProgress = false;
            }
            e = objFunc.at(t);
            fNew = e.loss();
            gNew = e.flatGrad();
            lsFuncEvals++;
            gtdNew = Num.f32(LBFGS.dot(gNew, d));
            lsIter++;

            Num armijo = Num.py(f).plus(Num.py(c1).times(t).times(gtd));
            if (Num.py(fNew).gt(armijo) || fNew >= bracketF[lowPos]) {
                // Armijo condition not satisfied or not lower than lowest point
                bracket[highPos] = t;
                bracketF[highPos] = fNew;
                bracketG[highPos] = gNew;
                bracketGtd[highPos] = gtdNew;
                lowPos = bracketF[0] <= bracketF[1] ? 0 : 1;
                highPos = 1 - lowPos;
            } else {
                if (gtdNew.abs().le(negC2Gtd)) {
                    done = true; // Wolfe conditions satisfied
                } else if (gtdNew.times(bracket[highPos].minus(bracket[lowPos])).ge(Num.py(0))) {
                    // old high becomes new low
                    bracket[highPos] = bracket[lowPos];
                    bracketF[highPos] = bracketF[lowPos];
                    bracketG[highPos] = bracketG[lowPos];
                    bracketGtd[highPos] = bracketGtd[lowPos];
                }
                // new point becomes new low
                bracket[lowPos] = t;
                bracketF[lowPos] = fNew;
                bracketG[lowPos] = gNew;
                bracketGtd[lowPos] = gtdNew;
            }
        }
        return new Result(bracketF[lowPos], bracketG[lowPos], bracket[lowPos], lsFuncEvals);
    }
}
