package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.internal.Native;

/**
 * Shared plumbing of the built-in optimizers: each runs PyTorch 1.13's single-tensor update on the
 * native handles (one lease per tensor for the length of the update, every temporary and scalar
 * closed when the update ends), with state tensors created unscoped and owned by the optimizer.
 */
abstract class BuiltinOptimizer<O extends GroupOptions> extends Optimizer {
    private final O defaults;
    /** Leases and temporaries of the update in progress; released/closed when it ends. */
    private final List<Tensor> leased = new ArrayList<>();
    private final List<Pointer> temps = new ArrayList<>();

    BuiltinOptimizer(Iterable<Tensor> params, O defaults) {
        super(params, java.util.Objects.requireNonNull(defaults, "options").toMap());
        this.defaults = defaults;
    }

    /** The options given at construction (the defaults of new parameter groups). */
    public O defaults() {
        return defaults;
    }

    /** {@code add_param_group({'params': params})} with this optimizer's defaults. */
    public void addParamGroup(Iterable<Tensor> params) {
        addParamGroup(params, defaults);
    }

    /** {@code add_param_group({'params': params, **options})}. */
    public void addParamGroup(Iterable<Tensor> params, O options) {
        addParamGroup(params, java.util.Objects.requireNonNull(options, "options").toMap());
    }

    @Override
    protected final void update(ParamGroup group, Tensor param, Map<String, Object> state) {
        String op = getClass().getSimpleName() + ".step";
        org.bytedeco.pytorch.Tensor p = lease(param);
        try {
            // a reference into p's autograd metadata: valid for this update, which never reassigns p.grad
            org.bytedeco.pytorch.Tensor grad = p.grad();
            apply(group, p, grad, state);
        } catch (RuntimeException e) {
            throw Native.fail(e, op, param);
        } finally {
            for (int i = temps.size() - 1; i >= 0; i--) {
                temps.get(i).close();
            }
            temps.clear();
            for (Tensor t : leased) {
                Native.release(t);
            }
            leased.clear();
        }
    }

    /** The update of one parameter {@code p} with gradient {@code grad} (both native, leased). */
    abstract void apply(ParamGroup group, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state);

    /** Leases {@code t} until the update ends. */
    final org.bytedeco.pytorch.Tensor lease(Tensor t) {
        org.bytedeco.pytorch.Tensor n = Native.lease(t, getClass().getSimpleName() + ".step");
        leased.add(t);
        return n;
    }

    /** The native handle of state tensor {@code key}, leased until the update ends. */
    final org.bytedeco.pytorch.Tensor state(Map<String, Object> state, String key) {
        return lease((Tensor) state.get(key));
    }

    /** Stores a new state tensor (owned by the optimizer) and returns its handle, leased until the update ends. */
    final org.bytedeco.pytorch.Tensor newState(Map<String, Object> state, String key, org.bytedeco.pytorch.Tensor value) {
        Tensor t = Native.adopt(value).unscoped();
        state.put(key, t);
        return lease(t);
    }

    /** A native temporary (a by-value result), closed when the update ends. */
    final org.bytedeco.pytorch.Tensor tmp(org.bytedeco.pytorch.Tensor t) {
        temps.add(t);
        return t;
    }

    /** A scalar (Python float operand), closed when the update ends. */
    final Scalar s(double v) {
        Scalar x = new Scalar(v);
        temps.add(x);
        return x;
    }

    static org.bytedeco.pytorch.Tensor zerosLike(org.bytedeco.pytorch.Tensor p) {
        return torch.zeros_like(p);
    }

    /** state["step"] += 1 (a Python float in 1.13's tensor, here a Double) and the new value. */
    static double nextStep(Map<String, Object> state) {
        double step = ((Number) state.getOrDefault("step", 0.0)).doubleValue() + 1;
        state.put("step", step);
        return step;
    }

    /** grad + weight_decay * p as a temporary, or grad itself when weight_decay is 0. */
    final org.bytedeco.pytorch.Tensor decayed(org.bytedeco.pytorch.Tensor grad, org.bytedeco.pytorch.Tensor p, double weightDecay) {
        return weightDecay != 0 ? tmp(grad.add(p, s(weightDecay))) : grad;
    }

    /** -grad as a temporary when maximize, else grad. */
    final org.bytedeco.pytorch.Tensor maximized(org.bytedeco.pytorch.Tensor grad, boolean maximize) {
        return maximize ? tmp(grad.neg()) : grad;
    }

    static List<Double> pair(double a, double b) {
        return List.of(a, b);
    }
}
