package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.internal.Native;
import org.torch4j.optim.StrongWolfe.Num;

/**
 * {@code torch.optim.LBFGS(params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7,
 * tolerance_change=1e-9, history_size=100, line_search_fn=None)}: PyTorch 1.13's algorithm,
 * stepped with a closure that re-evaluates the model:
 * <pre>{@code
 * LBFGS opt = new LBFGS(model.parameters(), new LBFGS.Options(1.0).withMaxIter(20));
 * Tensor loss = opt.step(() -> { opt.zeroGrad(); Tensor l = lossFn.forward(model.forward(x), y); l.backward(); return l; });
 * }</pre>
 * PyTorch keeps several scalars of the algorithm ({@code ys}, {@code ro}, {@code H_diag},
 * {@code al}, the first step size) as float32 0-dim tensors and compares them with Python floats
 * in float32; this port does the same arithmetic in Java {@code float}s (IEEE float32, the same
 * roundings) and LibTorch's ops for the vectors.
 * {@code line_search_fn="strong_wolfe"} runs PyTorch 1.13's {@code _strong_wolfe} ({@link StrongWolfe}). One
 * parameter group only, as PyTorch. The closure's loss is returned; its tensors belong to the
 * closure's caller (the Scope open around {@code step}).
 */
public final class LBFGS extends Optimizer {
    /** LBFGS's options with PyTorch's defaults; {@code maxEval <= 0} means {@code maxIter * 5 / 4}. */
    public record Options(double lr, int maxIter, int maxEval, double toleranceGrad, double toleranceChange, int historySize,
            String lineSearchFn) {
        /**
         * Validates the options with PyTorch's messages; {@code lineSearchFn} is null (None) or
         * {@code "strong_wolfe"}, anything else is refused with PyTorch's "only 'strong_wolfe' is
         * supported" (PyTorch raises it at the first step, this at construction).
         */
        public Options {
            checkLr(lr);
            check(maxIter > 0, "max_iter must be positive, got " + maxIter);
            check(historySize > 0, "history_size must be positive, got " + historySize);
            check(lineSearchFn == null || lineSearchFn.equals("strong_wolfe"),
                    "LBFGS: only 'strong_wolfe' is supported as line_search_fn, got '" + lineSearchFn + "'");
        }

        /** Every option at PyTorch's default ({@code lr=1}). */
        public Options() {
            this(1.0);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 20, 0, 1e-7, 1e-9, 100, null);
        }

        /** {@code lr}: the learning rate (PyTorch's default 1). */
        public Options withLr(double lr) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        /** {@code max_iter}: maximal number of iterations per optimization step (PyTorch's default 20). */
        public Options withMaxIter(int maxIter) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        /** {@code max_eval}: maximal number of function evaluations per step; 0 or less means {@code maxIter * 5 / 4} (PyTorch's None). */
        public Options withMaxEval(int maxEval) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        /** {@code tolerance_grad}: termination tolerance on first-order optimality (PyTorch's default 1e-7). */
        public Options withToleranceGrad(double toleranceGrad) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        /** {@code tolerance_change}: termination tolerance on function value/parameter changes (PyTorch's default 1e-9). */
        public Options withToleranceChange(double toleranceChange) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        /** {@code line_search_fn}: {@code "strong_wolfe"} or null (None, PyTorch's default: fixed steps of lr). */
        public Options withLineSearchFn(String lineSearchFn) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        /** {@code history_size}: update history size (PyTorch's default 100). */
        public Options withHistorySize(int historySize) {
            return new Options(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("max_iter", maxIter);
            m.put("max_eval", maxEval > 0 ? maxEval : maxIter * 5 / 4);
            m.put("tolerance_grad", toleranceGrad);
            m.put("tolerance_change", toleranceChange);
            m.put("history_size", historySize);
            m.put("line_search_fn", lineSearchFn);
            return m;
        }
    }

    private final List<Tensor> params;

    /** {@code LBFGS(params)} with PyTorch's defaults. */
    public LBFGS(Iterable<Tensor> params) {
        this(params, new Options());
    }

    /** {@code LBFGS(params, **options)}. */
    public LBFGS(Iterable<Tensor> params, Options options) {
        super(params, Objects.requireNonNull(options, "options").toMap());
        this.params = paramGroups().get(0).params();
    }

    /** Refused after construction: "LBFGS doesn't support per-parameter options (parameter groups)". */
    @Override
    public void addParamGroup(Iterable<Tensor> params, Map<String, ?> options) {
        checkOpen();
        if (!paramGroups().isEmpty()) {
            throw new IllegalArgumentException("LBFGS doesn't support per-parameter options (parameter groups)");
        }
        super.addParamGroup(params, options);
    }

    /** LBFGS needs the closure: {@code step()} throws. */
    @Override
    public synchronized void step() {
        throw new UnsupportedOperationException("LBFGS.step needs a closure: step(Closure)");
    }

    @Override
    public synchronized Tensor step(Closure closure) {
        checkOpen();
        Objects.requireNonNull(closure, "LBFGS.step: closure");
        ParamGroup group = paramGroups().get(0);
        double lr = group.lr();
        int maxIter = ((Number) group.get("max_iter")).intValue();
        int maxEval = ((Number) group.get("max_eval")).intValue();
        float toleranceGrad = (float) group.getDouble("tolerance_grad"); // compared with float32 tensors
        double toleranceChange = group.getDouble("tolerance_change");
        int historySize = ((Number) group.get("history_size")).intValue();
        boolean strongWolfe = "strong_wolfe".equals(group.get("line_search_fn"));
        Map<String, Object> state = state(params.get(0));
        state.putIfAbsent("func_evals", 0);
        state.putIfAbsent("n_iter", 0);

        Tensor origLoss = evaluate(closure);
        double loss = origLoss.item();
        int currentEvals = 1;
        state.put("func_evals", (Integer) state.get("func_evals") + 1);
        try (Scope s = Scope.open(); Grad.Guard ng = Grad.noGrad()) {
            Tensor flatGrad = gatherFlatGrad();
            boolean optCond = flatGrad.abs().max().itemFloat() <= toleranceGrad;
            if (optCond) {
                return origLoss;
            }
            Tensor d = (Tensor) state.get("d");
            // a float32 tensor in PyTorch when min(1., 1. / |g|_1) picked the tensor or the line search returned one
            Object savedT = state.get("t");
            Num t = savedT instanceof Float f ? Num.f32(f) : Num.py(savedT == null ? 0 : ((Number) savedT).doubleValue());
            @SuppressWarnings("unchecked")
            List<Tensor> oldDirs = (List<Tensor>) state.get("old_dirs");
            @SuppressWarnings("unchecked")
            List<Tensor> oldStps = (List<Tensor>) state.get("old_stps");
            @SuppressWarnings("unchecked")
            List<Float> ro = (List<Float>) state.get("ro");
            float hDiag = state.containsKey("H_diag") ? ((Number) state.get("H_diag")).floatValue() : 1f;
            Tensor prevFlatGrad = (Tensor) state.get("prev_flat_grad");
            double prevLoss = state.containsKey("prev_loss") ? ((Number) state.get("prev_loss")).doubleValue() : Double.NaN;

            int nIter = 0;
            while (nIter < maxIter) {
                nIter++;
                int globalIter = (Integer) state.get("n_iter") + 1;
                state.put("n_iter", globalIter);
                if (globalIter == 1) {
                    d = keepReplacing(d, flatGrad.neg());
                    oldDirs = new ArrayList<>();
                    oldStps = new ArrayList<>();
                    ro = new ArrayList<>();
                    hDiag = 1f;
                } else {
                    Tensor y = flatGrad.sub(prevFlatGrad);
                    Tensor sv = d.mul(t.v());
                    float ys = dot(y, sv);
                    if (ys > (float) 1e-10) {
                        if (oldDirs.size() == historySize) {
                            oldDirs.remove(0).close();
                            oldStps.remove(0).close();
                            ro.remove(0);
                        }
                        oldDirs.add(y.unscoped());
                        oldStps.add(sv.unscoped());
                        ro.add(1f / ys);
                        hDiag = ys / dot(y, y);
                    }
                    int numOld = oldDirs.size();
                    float[] al = new float[historySize];
                    Tensor q = flatGrad.neg();
                    for (int i = numOld - 1; i >= 0; i--) {
                        al[i] = dot(oldStps.get(i), q) * ro.get(i);
                        q.add_(oldDirs.get(i), -al[i]);
                    }
                    Tensor r = q.mul(Torch.scalar(hDiag));
                    for (int i = 0; i < numOld; i++) {
                        float be = dot(oldDirs.get(i), r) * ro.get(i);
                        r.add_(oldStps.get(i), al[i] - be);
                    }
                    d = keepReplacing(d, r);
                }
                if (prevFlatGrad == null) {
                    prevFlatGrad = flatGrad.clone().unscoped();
                } else {
                    prevFlatGrad.copy_(flatGrad);
                }
                prevLoss = loss;
                if (globalIter == 1) {
                    // min(1., 1. / flat_grad.abs().sum()) * lr, in float32 when the tensor wins
                    float inv = 1f / flatGrad.abs().sum().itemFloat();
                    t = inv < 1f ? Num.f32(inv * (float) lr) : Num.py(1. * lr);
                } else {
                    t = Num.py(lr);
                }
                float gtd = dot(flatGrad, d);
                if (gtd > (float) -toleranceChange) {
                    break;
                }
                int lsFuncEvals = 0;
                if (strongWolfe) {
                    List<Tensor> xInit = cloneParams();
                    Tensor dir = d;
                    StrongWolfe.Result r = StrongWolfe.search(step -> directionalEvaluate(closure, xInit, step, dir), t, d, loss, flatGrad,
                            Num.f32(gtd));
                    loss = r.loss();
                    flatGrad = r.flatGrad();
                    t = r.t();
                    lsFuncEvals = r.funcEvals();
                    addGrad(t.v(), d);
                    optCond = flatGrad.abs().max().itemFloat() <= toleranceGrad;
                } else if (nIter != maxIter) {
                    addGrad(t.v(), d);
                    loss = evaluateInScope(closure);
                    flatGrad = gatherFlatGrad();
                    optCond = flatGrad.abs().max().itemFloat() <= toleranceGrad;
                    lsFuncEvals = 1;
                } else {
                    addGrad(t.v(), d);
                }
                currentEvals += lsFuncEvals;
                state.put("func_evals", (Integer) state.get("func_evals") + lsFuncEvals);
                if (nIter == maxIter || currentEvals >= maxEval || optCond) {
                    break;
                }
                if (d.mul(t.v()).abs().max().itemFloat() <= (float) toleranceChange) {
                    break;
                }
                if (Math.abs(loss - prevLoss) < toleranceChange) {
                    break;
                }
            }
            state.put("d", d);
            state.put("t", t.tensor() ? (Object) (float) t.v() : (Object) t.v());
            state.put("old_dirs", oldDirs);
            state.put("old_stps", oldStps);
            state.put("ro", ro);
            state.put("H_diag", hDiag);
            state.put("prev_flat_grad", prevFlatGrad);
            state.put("prev_loss", prevLoss);
        }
        return origLoss;
    }

    /** The closure's loss with grad enabled, owned by the caller's Scope. */
    private static Tensor evaluate(Closure closure) {
        try (Grad.Guard g = Grad.enableGrad()) {
            return Objects.requireNonNull(closure.call(), "LBFGS: the closure returned null");
        }
    }

    /** {@code float(closure())} for a re-evaluation inside the step: its graph is freed at once. */
    private static double evaluateInScope(Closure closure) {
        try (Scope s = Scope.open()) {
            return evaluate(closure).item();
        }
    }

    /** Makes {@code next} the optimizer's (unscoped) and frees {@code old} unless it is the same. */
    private static Tensor keepReplacing(Tensor old, Tensor next) {
        next.unscoped();
        if (old != null && old != next) {
            old.close();
        }
        return next;
    }

    /**
     * {@code a.dot(b)} as the float32 it is, computed as {@code (a * b).sum()}: measured on 3000
     * random float32 4-vectors, PyTorch 1.13's {@code torch.dot} equalled {@code (a * b).sum()} in
     * every case (in 1.13 and in LibTorch 2.10 alike), while LibTorch 2.10's {@code at::dot}
     * (OpenBLAS {@code sdot}) differed in the last bit in 982 of them — which L-BFGS's curvature
     * pairs amplify (1.3e-6 after three steps of the lbfgs_max_eval case).
     */
    static float dot(Tensor a, Tensor b) {
        try (Scope s = Scope.open()) {
            return a.mul(b).sum().itemFloat();
        }
    }

    /** {@code _clone_param()}: a copy of every parameter (owned by the caller's Scope). */
    private List<Tensor> cloneParams() {
        List<Tensor> copies = new ArrayList<>();
        for (Tensor p : params) {
            copies.add(p.clone());
        }
        return copies;
    }

    /** {@code _directional_evaluate(closure, x, t, d)}: loss and flat gradient at {@code x + t * d}, then the parameters set back to {@code x}. */
    private StrongWolfe.Evaluation directionalEvaluate(Closure closure, List<Tensor> x, Num t, Tensor d) {
        addGrad(t.v(), d);
        double loss = evaluateInScope(closure);
        Tensor flatGrad = gatherFlatGrad();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).copy_(x.get(i));
        }
        return new StrongWolfe.Evaluation(loss, flatGrad);
    }

    /** {@code _gather_flat_grad()}: every parameter's gradient flattened (zeros where none), concatenated. */
    private Tensor gatherFlatGrad() {
        List<Tensor> views = new ArrayList<>();
        for (Tensor p : params) {
            Tensor g = p.grad();
            views.add(g == null ? Torch.zeros(p.dtype(), p.numel()) : g.view(-1));
        }
        Tensor[] ts = views.toArray(new Tensor[0]);
        org.bytedeco.pytorch.Tensor[] ns = Native.leaseAll(ts, "LBFGS");
        try (TensorVector v = new TensorVector(ns)) {
            return Native.adopt(torch.cat(v, 0));
        } catch (RuntimeException e) {
            throw Native.fail(e, "LBFGS (cat of gradients)");
        } finally {
            Native.releaseAll(ts);
        }
    }

    /** {@code _add_grad(t, d)}: {@code p.add_(d[offset:offset+numel].view_as(p), alpha=t)} for each parameter. */
    private void addGrad(double t, Tensor d) {
        long offset = 0;
        for (Tensor p : params) {
            long n = p.numel();
            p.add_(d.narrow(0, offset, n).view(p.shape()), t);
            offset += n;
        }
    }
}
