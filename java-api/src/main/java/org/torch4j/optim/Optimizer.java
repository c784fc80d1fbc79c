package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.torch4j.Tensor;
import org.torch4j.autograd.Grad;
import org.torch4j.bindings.LibTorch;
import org.torch4j.internal.Native;

/**
 * Base of the optimizers, the Java counterpart of {@code torch.optim.Optimizer}, open for
 * subclassing: parameter groups with per-group options ({@link ParamGroup}, PyTorch's option
 * names as keys), per-parameter state owned by the optimizer, {@link #step()},
 * {@link #step(Closure)}, {@link #zeroGrad(boolean)}, {@link #stateDict()} /
 * {@link #loadStateDict(Map)}.
 *
 * <p>A subclass passes its defaults to the constructor and implements {@link #update}, called
 * under no-grad once per parameter that has a gradient:
 * <pre>{@code
 * class SignSGD extends Optimizer {
 *     SignSGD(Iterable<Tensor> params, double lr) { super(params, Map.of("lr", lr)); }
 *     protected void update(ParamGroup group, Tensor param, Map<String, Object> state) {
 *         try (Scope s = Scope.open()) {
 *             param.sub_(param.grad().sign().mul(group.lr()));
 *         }
 *     }
 * }
 * }</pre>
 * A subclass with a whole-model algorithm (LBFGS-style) overrides {@link #step(Closure)} instead.
 *
 * <p>The built-in optimizers (SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax, NAdam, RAdam)
 * are subclasses that run PyTorch 1.13's {@code _single_tensor_*} update, op for op, on LibTorch's
 * kernels, so their numbers are PyTorch's ({@code OptimCasesTest}). LibTorch's own
 * {@code torch::optim} classes are not used: the presets expose no access to their per-parameter
 * state, which {@code stateDict()} needs.
 *
 * <h2>Memory</h2>
 * The optimizer refers to the caller's parameter objects (it does not own them: closing the
 * module frees them, after which {@code step()} throws IllegalStateException naming the closed
 * tensor). It owns its state tensors (momentum buffers, running averages): they are created
 * unscoped, whatever Scope is open during {@code step()}, and freed by {@link #close()} or
 * {@link #loadStateDict}. After {@code close()} every method throws {@link IllegalStateException}.
 * A dropped, unclosed optimizer's state tensors are freed by the tensors' safety net (a Cleaner,
 * counted towards the bytes that trigger a GC), like any unscoped tensor.
 *
 * <h2>Threads</h2>
 * The public methods that read or change the groups or the state hold the optimizer's monitor:
 * calls from several threads are serialised, and a {@code close()} on another thread waits for a
 * running {@code step()}; later calls throw {@link IllegalStateException}. (Steps racing backward
 * passes that write the same gradients are still the caller's business, as in PyTorch.)
 */
public abstract class Optimizer implements AutoCloseable {
    static {
        LibTorch.ensureLoaded();
    }

    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    private volatile boolean closed;

    /**
     * {@code Optimizer(params, defaults)}: one parameter group with {@code defaults} (PyTorch's
     * option names: {@code "lr"}, {@code "momentum"}, ...), which later groups inherit for every
     * option they leave out.
     */
    protected Optimizer(Iterable<Tensor> params, Map<String, ?> defaults) {
        Objects.requireNonNull(defaults, "defaults");
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        addParamGroup(params, Map.of());
    }

    // ---------------------------------------------------------------- groups

    /** {@code optimizer.defaults}: the options a new group inherits (read-only). */
    public final Map<String, Object> defaultOptions() {
        return defaults;
    }

    /** {@code optimizer.param_groups}: the groups in order (read-only list; the groups' options are mutable). */
    public final List<ParamGroup> paramGroups() {
        checkOpen();
        return Collections.unmodifiableList(groups);
    }

    /**
     * {@code optimizer.add_param_group({'params': params, **options})}: a new group whose options
     * are {@code options} over this optimizer's defaults. Rejects empty lists, non-leaf, closed or
     * duplicate tensors and tensors already in another group.
     */
    public synchronized void addParamGroup(Iterable<Tensor> params, Map<String, ?> options) {
        checkOpen();
        Objects.requireNonNull(options, "options");
        List<Tensor> list = checkParams(params);
        Map<String, Object> o = new LinkedHashMap<>(defaults);
        o.putAll(options);
        o.remove("params");
        ParamGroup g = new ParamGroup(list, o);
        if (o.containsKey("lr")) {
            checkLr(g.lr());
        }
        groups.add(g);
    }

    private List<Tensor> checkParams(Iterable<Tensor> params) {
        Objects.requireNonNull(params, "params");
        List<Tensor> list = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : params) {
            if (t == null) {
                throw new NullPointerException("optimizer: a parameter is null");
            }
            if (t.isClosed()) {
                throw new IllegalStateException("optimizer: a parameter was closed");
            }
            if (!t.isLeaf()) {
                throw new IllegalArgumentException("optimizer: can't optimize a non-leaf Tensor (" + Native.describe(t) + ")");
            }
            if (!seen.add(t)) {
                throw new IllegalArgumentException("optimizer: a parameter appears twice in the list");
            }
            for (ParamGroup g : groups) {
                for (Tensor other : g.params()) {
                    if (other == t) {
                        throw new IllegalArgumentException("optimizer: some parameters appear in more than one parameter group");
                    }
                }
            }
            list.add(t);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        return list;
    }

    /** The learning rate of the first parameter group ({@code param_groups[0]['lr']}). */
    public double lr() {
        return paramGroups().get(0).lr();
    }

    /** Sets the learning rate of every parameter group; takes effect at the next step. */
    public synchronized void setLr(double lr) {
        checkLr(lr);
        for (ParamGroup g : paramGroups()) {
            g.setLr(lr);
        }
    }

    // ---------------------------------------------------------------- training

    /**
     * {@code optimizer.step()}: under no-grad, calls {@link #update} for every parameter of every
     * group that has a gradient, in group order.
     */
    public synchronized void step() {
        checkOpen();
        try (Grad.Guard g = Grad.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    if (hasGrad(p)) {
                        update(group, p, state(p));
                    }
                }
            }
        }
    }

    /**
     * {@code optimizer.step(closure)}: evaluates {@code closure} with grad enabled (it typically
     * zeroes the gradients, computes the loss and calls {@code backward()}), then steps; returns
     * the closure's loss (null when {@code closure} is null). An LBFGS-style optimizer overrides
     * this to call the closure several times.
     */
    public synchronized Tensor step(Closure closure) {
        checkOpen();
        Tensor loss = null;
        if (closure != null) {
            try (Grad.Guard g = Grad.enableGrad()) {
                loss = closure.call();
            }
        }
        step();
        return loss;
    }

    /**
     * One parameter's update, called by {@link #step()} under no-grad for each parameter that has
     * a gradient. {@code state} is this parameter's state map (empty at the first step), owned by
     * the optimizer: put tensors there after {@link Tensor#unscoped()}, so that the optimizer,
     * not the step's Scope, frees them. The default throws: a subclass overrides this or {@code step}.
     */
    protected void update(ParamGroup group, Tensor param, Map<String, Object> state) {
        throw new UnsupportedOperationException(getClass().getName() + " overrides neither update() nor step()");
    }

    /** The state map of {@code param} (created empty on first use), as {@code optimizer.state[param]}. */
    protected final Map<String, Object> state(Tensor param) {
        return state.computeIfAbsent(param, k -> new LinkedHashMap<>());
    }

    /** Whether {@code p.grad} is defined, without allocating a tensor for it. */
    static boolean hasGrad(Tensor p) {
        org.bytedeco.pytorch.Tensor n = Native.lease(p, "optimizer.step");
        try {
            return n.grad().defined();
        } finally {
            Native.release(p);
        }
    }

    /** {@code optimizer.zero_grad()}: sets every parameter's gradient to none (PyTorch's default since 2.0). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** {@code optimizer.zero_grad(set_to_none)}; with {@code false} the gradients are zeroed in place (1.13's default). */
    public synchronized void zeroGrad(boolean setToNone) {
        checkOpen();
        for (ParamGroup group : groups) {
            for (Tensor p : group.params()) {
                // exclusive: dropping the gradient while another thread's p.grad() copies it would free it under that copy
                org.bytedeco.pytorch.Tensor n = Native.leaseExclusive(p, "zeroGrad");
                try {
                    org.bytedeco.pytorch.Tensor g = n.mutable_grad(); // a reference into p, used at once
                    if (g.defined()) {
                        // as torch::optim::Optimizer::zero_grad (and PyTorch's): detach, then drop or zero
                        g.detach_();
                        if (setToNone) {
                            g.reset();
                        } else {
                            g.zero_();
                        }
                    }
                } catch (RuntimeException e) {
                    throw Native.fail(e, "zeroGrad", p);
                } finally {
                    Native.releaseExclusive(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- state dict

    /**
     * {@code optimizer.state_dict()}: {@code "state"} → {@code Map<Integer, Map<String, Object>>}
     * keyed by the parameter's index over all groups in order, and {@code "param_groups"} → a list
     * of each group's options plus {@code "params"}: its parameters' indices. State tensors are
     * copies owned by the caller (by the current Scope, if one is open).
     */
    public synchronized Map<String, Object> stateDict() {
        checkOpen();
        Map<Integer, Map<String, Object>> packedState = new LinkedHashMap<>();
        List<Map<String, Object>> packedGroups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : groups) {
            Map<String, Object> pg = new LinkedHashMap<>(g.options());
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                Map<String, Object> s = state.get(p);
                if (s != null && !s.isEmpty()) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> e : s.entrySet()) {
                        copy.put(e.getKey(), copyValue(e.getValue()));
                    }
                    packedState.put(index, copy);
                }
                ids.add(index++);
            }
            pg.put("params", ids);
            packedGroups.add(pg);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", packedGroups);
        return out;
    }

    /**
     * {@code optimizer.load_state_dict(state_dict)}: takes the groups' options and copies of the
     * state tensors from a dict made by {@link #stateDict()} (of an optimizer of the same kind
     * over parameters of the same shapes); the current state is freed. PyTorch's errors for a
     * different number or size of groups.
     */
    @SuppressWarnings("unchecked")
    public synchronized void loadStateDict(Map<String, Object> dict) {
        checkOpen();
        Objects.requireNonNull(dict, "stateDict");
        // keys and ids may be Integer (a Java stateDict()) or Long (one read by Torch.load from Python)
        List<Map<String, Object>> saved = (List<Map<String, Object>>) dict.get("param_groups");
        Map<? extends Number, Map<String, Object>> savedState = (Map<? extends Number, Map<String, Object>>) dict.get("state");
        if (saved == null || savedState == null) {
            throw new IllegalArgumentException("loadStateDict: the dict needs \"state\" and \"param_groups\", got keys " + dict.keySet());
        }
        if (saved.size() != groups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Integer, Tensor> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            List<? extends Number> ids = (List<? extends Number>) saved.get(i).get("params");
            List<Tensor> ps = groups.get(i).params();
            if (ids == null || ids.size() != ps.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
            }
            for (int k = 0; k < ids.size(); k++) {
                byIndex.put(ids.get(k).intValue(), ps.get(k));
            }
        }
        // build the new state first, so a failure leaves the old one in place
        Map<Tensor, Map<String, Object>> fresh = new IdentityHashMap<>();
        try {
            for (Map.Entry<? extends Number, Map<String, Object>> e : savedState.entrySet()) {
                Tensor p = byIndex.get(e.getKey().intValue());
                if (p == null) {
                    continue; // as PyTorch: state of an unknown index is dropped
                }
                Map<String, Object> s = new LinkedHashMap<>();
                fresh.put(p, s);
                for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
                    s.put(v.getKey(), loadValue(v.getValue(), p, v.getKey()));
                }
            }
        } catch (RuntimeException ex) {
            freeState(fresh);
            throw ex;
        }
        freeState(state);
        state.putAll(fresh);
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> o = new LinkedHashMap<>(saved.get(i));
            o.remove("params");
            groups.get(i).replaceOptions(o);
        }
    }

    /** A state value for a state dict: tensors (also inside lists, as LBFGS's history) copied, the rest as is. */
    private static Object copyValue(Object v) {
        if (v instanceof Tensor t) {
            return t.detach().clone();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(copyValue(o));
            }
            return out;
        }
        return v;
    }

    /** A state value from a state dict: tensors (also inside lists) copied to {@code p}'s device/dtype and owned by the optimizer. */
    private static Object loadValue(Object v, Tensor p, String key) {
        if (key.equals("step") && v instanceof Tensor t && t.numel() == 1) {
            return t.item(); // PyTorch 1.13 keeps the step count as a tensor, torch4j as a double
        }
        if (v instanceof Tensor t) {
            return castLike(t, p, key);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(loadValue(o, p, key));
            }
            return out;
        }
        return v;
    }

    /** A copy of {@code t} on {@code p}'s device (and in its dtype when floating, as PyTorch's _cast), owned by the optimizer. */
    private static Tensor castLike(Tensor t, Tensor p, String key) {
        org.bytedeco.pytorch.Tensor pn = Native.lease(p, "loadStateDict");
        try {
            org.bytedeco.pytorch.Tensor tn = Native.lease(t, "loadStateDict");
            try {
                org.bytedeco.pytorch.Tensor r;
                if (!key.equals("step") && tn.is_floating_point()) {
                    try (org.bytedeco.pytorch.Tensor like = tn.to(pn)) { // p's dtype and device; may alias t
                        r = like.clone();
                    }
                } else {
                    r = tn.clone();
                }
                return Native.adopt(r).unscoped();
            } finally {
                Native.release(t);
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, "loadStateDict", t, p);
        } finally {
            Native.release(p);
        }
    }

    private static void freeState(Map<Tensor, Map<String, Object>> s) {
        for (Map<String, Object> m : s.values()) {
            for (Object v : m.values()) {
                free(v);
            }
        }
        s.clear();
    }

    private static void free(Object v) {
        if (v instanceof Tensor t) {
            t.close();
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                free(o);
            }
        }
    }

    // ---------------------------------------------------------------- checks

    static void checkLr(double lr) {
        if (!(lr >= 0.0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Throws IllegalStateException once the optimizer is closed. */
    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " was closed; it cannot be used");
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /** Frees the optimizer's state tensors and forgets the parameters (which it does not own). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            freeState(state);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            b.append("\nParameter Group ").append(i);
            for (Map.Entry<String, Object> e : groups.get(i).options().entrySet()) {
                b.append("\n    ").append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return b.append("\n)").toString();
    }
}
