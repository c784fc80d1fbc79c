package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.TorchException;

/**
 * Base class of every neural-network module, the Java counterpart of {@code torch.nn.Module}.
 * Subclass it, register parameters, buffers and submodules by name in the constructor, and
 * override {@link #forward(Tensor)} (or {@link #forward(Tensor, Tensor)} /
 * {@link #forward(Tensor...)} for modules taking several inputs):
 * <pre>{@code
 * class Polynomial3 extends Module {                   // class Polynomial3(torch.nn.Module):
 *     final Tensor a = registerParameter("a", randn()); //   self.a = torch.nn.Parameter(torch.randn(()))
 *     final Linear fc = registerModule("fc", new Linear(3, 1));
 *
 *     @Override
 *     public Tensor forward(Tensor x) { return a.add(fc.forward(x)); }
 * }
 * }</pre>
 *
 * <h2>Names</h2>
 * Parameters and submodules appear in {@link #parameters()} and {@link #namedParameters()} in
 * registration order with PyTorch's dotted names: a parameter {@code a} is {@code a}, the
 * parameters of a submodule {@code fc} are {@code fc.weight}, {@code fc.bias}, and a
 * {@link Sequential}'s children are named {@code 0}, {@code 1}, … (so {@code 0.weight}), so a
 * Python {@code state_dict} maps one to one.
 *
 * <h2>Who frees what</h2>
 * A module owns its parameters and buffers: they belong to no {@link Scope}, live until the module
 * is {@linkplain #close() closed} and are closed with it, together with every registered
 * submodule. {@link #stateDict()} is the exception that hands out new references: those are the
 * caller's.
 * The tensors returned by {@link #registerParameter}, {@link #parameters()} and accessors such as
 * {@link Linear#weight()} are the module's own parameter objects (the same object every time,
 * like PyTorch's {@code Parameter}); each owns its own native reference, so nothing a module hands
 * out aliases native storage another object can free or move. Do not close them yourself. After
 * {@link #close()}, every method of the module and every use of its parameters throws
 * {@link IllegalStateException}.
 *
 * <p>A module is not thread-safe while it is being built; once built, forward passes may run on
 * several threads as far as LibTorch allows.
 */
public abstract class Module implements AutoCloseable {
    private final LinkedHashMap<String, Tensor> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    /** Names of the buffers registered with {@code persistent=false} (left out of the state dict). */
    private final Set<String> nonPersistent = new java.util.HashSet<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    /** Tensors this module must close: its parameters and buffers. */
    private final List<Tensor> owned = new ArrayList<>();
    private boolean training = true;
    private boolean closed;

    /** For subclasses: an empty module, open, in training mode. */
    protected Module() {
    }

    // ---------------------------------------------------------------- registration

    /**
     * {@code self.<name> = torch.nn.Parameter(value)}: registers a parameter that requires grad.
     *
     * @see #registerParameter(String, Tensor, boolean)
     */
    public Tensor registerParameter(String name, Tensor value) {
        return registerParameter(name, value, true);
    }

    /**
     * Registers a parameter under {@code name}, as {@code torch.nn.Parameter(value, requires_grad)}
     * does: the parameter is a new leaf tensor sharing {@code value}'s storage (in-place updates
     * of one show in the other), owned by this module. {@code value} itself stays the caller's
     * (its scope, if any, still frees it). Returns the parameter — keep that one, it is what
     * autograd and the optimizers update. A null {@code value} registers an absent parameter
     * (PyTorch's {@code register_parameter(name, None)}, e.g. a Linear without bias) and returns
     * null.
     *
     * @throws IllegalArgumentException if the name is empty, contains '.', or is already used
     * @throws IllegalStateException    if this module or {@code value} was closed
     */
    public Tensor registerParameter(String name, Tensor value, boolean requiresGrad) {
        checkOpen();
        checkName(name);
        if (value == null) {
            params.put(name, null);
            return null;
        }
        Tensor p;
        try (Scope s = Scope.open()) {
            p = value.detach().unscoped(); // a new leaf; the caller's tensor keeps its own reference
        }
        try {
            p.requiresGrad(requiresGrad);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        params.put(name, p);
        owned.add(p);
        return p;
    }

    /** {@code register_buffer(name, tensor)}: a persistent buffer (in the state dict). */
    public Tensor registerBuffer(String name, Tensor value) {
        return registerBuffer(name, value, true);
    }

    /**
     * {@code register_buffer(name, tensor, persistent)}: state that is not a parameter, such as
     * BatchNorm's running mean. A buffer is not in {@link #parameters()} and gets no gradient; it
     * is converted and moved by {@link #to(DType)} / {@link #to(Device)} and, if {@code persistent},
     * saved by {@link #stateDict()} and restored by {@link #loadStateDict}. As with parameters the
     * module keeps its own reference, sharing {@code value}'s storage (detached from any graph),
     * owned by this module and closed with it; {@code value} stays the caller's. Returns the
     * module's buffer (the same object for the module's whole life: in-place updates such as
     * {@code runningMean.mul_(…)} are what change it). A null {@code value} registers an absent
     * buffer and returns null.
     *
     * @throws IllegalArgumentException if the name is empty, contains '.', or is already used
     */
    public Tensor registerBuffer(String name, Tensor value, boolean persistent) {
        checkOpen();
        checkName(name);
        Tensor b = null;
        if (value != null) {
            try (Scope s = Scope.open()) {
                b = value.detach().unscoped();
            }
            owned.add(b);
        }
        buffers.put(name, b);
        if (!persistent) {
            nonPersistent.add(name);
        }
        return b;
    }

    /**
     * Registers {@code module} as a child named {@code name} ({@code self.<name> = module}); its
     * parameters appear as {@code name.<param>}. This module closes it when it closes. Returns
     * {@code module}.
     *
     * @throws IllegalArgumentException if the name is empty, contains '.', is already used, or the
     *                                  registration would make a cycle
     */
    public <M extends Module> M registerModule(String name, M module) {
        checkOpen();
        checkName(name);
        Module m = Objects.requireNonNull(module, "module");
        m.checkOpen();
        if (m == this || m.contains(this)) {
            throw new IllegalArgumentException("registerModule: registering " + module.moduleName() + " as '" + name
                    + "' would make a cycle");
        }
        children.put(name, module);
        return module;
    }

    /**
     * Registers {@code module} under {@code name}, replacing the child of that name if there is
     * one (PyTorch's {@code self._modules[name] = module}); returns the replaced child, which is no
     * longer owned by this module, or null.
     */
    Module replaceModule(String name, Module module) {
        checkOpen();
        Module old = children.get(name);
        if (old == null) {
            registerModule(name, module);
            return null;
        }
        Module m = Objects.requireNonNull(module, "module");
        m.checkOpen();
        if (m == this || m.contains(this)) {
            throw new IllegalArgumentException("registering " + module.moduleName() + " as '" + name + "' would make a cycle");
        }
        children.put(name, m);
        return old;
    }

    /** Removes the child {@code name} (no longer owned by this module) and returns it, or null. */
    Module removeModule(String name) {
        checkOpen();
        return children.remove(name);
    }

    private boolean contains(Module m) {
        for (Module c : children.values()) {
            if (c == m || c.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name cannot be empty");
        }
        if (name.indexOf('.') >= 0) {
            throw new IllegalArgumentException("name cannot contain \".\": " + name);
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(moduleName() + " already has a parameter, buffer or submodule named '" + name + "'");
        }
    }

    /**
     * Registers a parameter tensor that already is exactly what the module should own (a leaf made
     * for it, not shared with the caller): used by built-ins that take their initial values from
     * LibTorch. Takes ownership of {@code p}.
     */
    Tensor adoptParameter(String name, Tensor p) {
        checkOpen();
        checkName(name);
        p.unscoped();
        params.put(name, p);
        owned.add(p);
        return p;
    }

    // ---------------------------------------------------------------- forward

    /**
     * The computation of this module for one input. Subclasses taking one tensor override it (a
     * {@link Sequential} calls it). The default throws, as PyTorch's does for a module without
     * forward.
     */
    public Tensor forward(Tensor input) {
        checkOpen();
        throw new UnsupportedOperationException("Module [" + moduleName() + "] is missing the required forward(Tensor) method");
    }

    /**
     * The computation of this module for two inputs, such as a loss's {@code (input, target)}.
     * Modules taking two tensors override it; the default says how many inputs this module takes.
     */
    public Tensor forward(Tensor input1, Tensor input2) {
        checkOpen();
        throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got 2");
    }

    /**
     * {@code module(*inputs)}: any number of inputs. The default passes one input to
     * {@link #forward(Tensor)} and two to {@link #forward(Tensor, Tensor)}; modules with three or
     * more inputs (such as {@link TripletMarginLoss}) override this as well as offering a typed form.
     */
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        switch (inputs.length) {
            case 1:
                return forward(inputs[0]);
            case 2:
                return forward(inputs[0], inputs[1]);
            default:
                checkOpen();
                throw new IllegalArgumentException(moduleName() + ".forward takes " + arity() + ", got " + inputs.length);
        }
    }

    /** How many inputs {@link #forward} takes, in words, for the message of a wrong call. */
    String arity() {
        return "1 input";
    }

    // ---------------------------------------------------------------- access

    /** Every parameter of this module and its submodules, in registration order, each once. */
    public List<Tensor> parameters() {
        return parameters(true);
    }

    /** The parameters of this module, and of its submodules if {@code recurse}. */
    public List<Tensor> parameters(boolean recurse) {
        return List.copyOf(namedParameters(recurse).values());
    }

    /** {@code named_parameters()}: dotted name to parameter, in registration order, each parameter once. */
    public Map<String, Tensor> namedParameters() {
        return namedParameters(true);
    }

    /** Parameters by dotted name, in registration order; with {@code recurse} also the submodules' ({@code module.named_parameters(recurse=...)}). */
    public Map<String, Tensor> namedParameters(boolean recurse) {
        checkOpen();
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collect("", recurse, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, boolean recurse, Map<String, Tensor> out, Set<Tensor> seen) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor p = e.getValue();
            if (p != null && seen.add(p)) {
                out.put(prefix + e.getKey(), p);
            }
        }
        if (recurse) {
            for (Map.Entry<String, Module> e : children.entrySet()) {
                e.getValue().collect(prefix + e.getKey() + ".", true, out, seen);
            }
        }
    }

    /** The direct submodules, by name, in registration order. */
    public Map<String, Module> namedChildren() {
        checkOpen();
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /** The direct submodules, in registration order. */
    public List<Module> children() {
        return List.copyOf(namedChildren().values());
    }

    /** {@code buffers()}: every buffer of this module and its submodules, each once. */
    public List<Tensor> buffers() {
        return List.copyOf(namedBuffers(true).values());
    }

    /** {@code named_buffers()}: dotted name to buffer, in registration order, each buffer once. */
    public Map<String, Tensor> namedBuffers() {
        return namedBuffers(true);
    }

    /** {@code named_buffers(recurse=recurse)}: dotted name to buffer, in registration order, each buffer once; with {@code recurse} false only this module's own. */
    public Map<String, Tensor> namedBuffers(boolean recurse) {
        checkOpen();
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> m : (recurse ? namedModules() : Map.of("", this)).entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Tensor> e : m.getValue().buffers.entrySet()) {
                if (e.getValue() != null && seen.add(e.getValue())) {
                    out.put(prefix + e.getKey(), e.getValue());
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * {@code named_modules()}: this module (name {@code ""}) and every submodule, depth first in
     * registration order, each module once even if registered twice.
     */
    public Map<String, Module> namedModules() {
        checkOpen();
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(prefix, this);
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collectModules(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out, seen);
        }
    }

    /** {@code modules()}: this module and every submodule, as {@link #namedModules()}. */
    public List<Module> modules() {
        return List.copyOf(namedModules().values());
    }

    /**
     * {@code apply(fn)}: calls {@code fn} on every submodule (children first, recursively) and then
     * on this module, as PyTorch does — typically to re-initialise weights. Returns {@code this}.
     */
    public Module apply(java.util.function.Consumer<? super Module> fn) {
        Objects.requireNonNull(fn, "fn");
        checkOpen();
        for (Module c : children.values()) {
            c.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    /** {@code requires_grad_(flag)}: sets {@code requires_grad} of every parameter. Returns {@code this}. */
    public Module requiresGrad_(boolean requiresGrad) {
        for (Tensor p : parameters()) {
            p.requiresGrad(requiresGrad);
        }
        return this;
    }

    /** {@code sum(p.numel() for p in model.parameters())}: the number of parameter elements, each parameter once. */
    public long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * {@code state_dict()}: every parameter and persistent buffer, with PyTorch's dotted keys
     * ({@code fc1.weight}, {@code bn.running_mean}, {@code bn.num_batches_tracked}) in PyTorch's
     * order (each module's parameters, then its buffers, then its children's entries).
     *
     * <p>Ownership: each value is a new tensor reference owned by the caller — by the innermost
     * open {@link Scope}, else by whoever closes it (or the safety net). Like PyTorch's, the
     * values are detached and share storage with the module's tensors: they see later training
     * steps; {@code clone()} them for a snapshot. Closing them never affects the module.
     */
    public Map<String, Tensor> stateDict() {
        checkOpen();
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : stateEntries().entrySet()) {
            out.put(e.getKey(), e.getValue().detach());
        }
        return out;
    }

    /** The module's own tensors behind {@link #stateDict()}, by key (not copies). */
    Map<String, Tensor> stateEntries() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (e.getValue() != null) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            if (e.getValue() != null && !nonPersistent.contains(e.getKey())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collectState(prefix + e.getKey() + ".", out);
        }
    }

    /** The names of this module's own state-dict entries: non-null parameters and persistent buffers. */
    Set<String> localStateNames() {
        Set<String> out = new java.util.HashSet<>();
        params.forEach((k, v) -> {
            if (v != null) {
                out.add(k);
            }
        });
        buffers.forEach((k, v) -> {
            if (v != null && !nonPersistent.contains(k)) {
                out.add(k);
            }
        });
        return out;
    }

    /** The direct children by name (the live map, for this package's traversals). */
    Map<String, Module> childMap() {
        return children;
    }

    /** {@code load_state_dict(state_dict)}: strict. */
    public StateDictLoader.IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) {
        return loadStateDict(stateDict, true);
    }

    /**
     * {@code load_state_dict(state_dict, strict)}: copies every value into the parameter or
     * buffer with the same key, in place and without recording gradients (the module's tensor
     * objects stay the same, so optimizers keep working). The map's tensors stay the caller's.
     *
     * @return the missing and unexpected keys (both empty when {@code strict} succeeded)
     * @throws IllegalArgumentException with PyTorch's message, listing every problem ("Error(s) in
     *         loading state_dict for Net:\n\tMissing key(s) in state_dict: "fc1.weight". …"),
     *         when {@code strict} and keys are missing or unexpected, or (strict or not) when a
     *         value's shape differs from the module's
     */
    public StateDictLoader.IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        checkOpen();
        return StateDictLoader.load(this, stateDict, strict);
    }

    // ---------------------------------------------------------------- copying

    /**
     * {@code copy.deepcopy(module)}: a new module of the same class and configuration whose
     * parameters and buffers are copies of this module's (same values, dtype, device and
     * {@code requires_grad}, gradients copied too), in the same training mode, sharing no storage
     * with this one. {@code TransformerEncoder} builds its layers this way, as PyTorch's
     * {@code _get_clones} does. Typed by the assignment, as {@link Sequential#get(int)}.
     *
     * <p>How: {@link #newInstance()} builds the module again with this one's constructor arguments
     * (with the default generator's state saved and restored around it, so copying draws no random
     * numbers, as Python's deepcopy draws none), then every parameter and buffer of the copy is given
     * a clone of this module's tensor of the same name. Parameters shared between two places
     * (tied weights) become two separate tensors in the copy; PyTorch keeps them shared.
     *
     * <p>Ownership: the copy is the caller's, to close like any module.
     *
     * @throws UnsupportedOperationException if this module's class does not override {@link #newInstance()}
     * @throws IllegalStateException         if this module was closed, or the module {@code newInstance()}
     *                                       built has other parameter or buffer names or shapes
     */
    @SuppressWarnings("unchecked")
    public <M extends Module> M deepCopy() {
        checkOpen();
        Module copy;
        try (Scope s = Scope.open()) {
            Tensor rng = org.torch4j.Torch.getRngState();
            try {
                copy = newInstance();
            } finally {
                org.torch4j.Torch.setRngState(rng);
            }
        }
        if (copy == null || copy.getClass() != getClass()) {
            if (copy != null) {
                copy.close();
            }
            throw new IllegalStateException(moduleName() + ".newInstance() must return a new " + getClass().getName() + ", got "
                    + (copy == null ? "null" : copy.getClass().getName()));
        }
        try {
            copy.copyStateFrom(this);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
        return (M) copy;
    }

    /**
     * A new module of this class built with this module's configuration (its constructor
     * arguments), for {@link #deepCopy()}; the values of its parameters do not matter (they are
     * overwritten). Containers build theirs from {@link #deepCopy()}s of their children. The
     * default throws {@link UnsupportedOperationException}: a module written in Java overrides it to
     * support {@code deepCopy}, e.g. {@code return new MyBlock(width, depth);}.
     */
    protected Module newInstance() {
        throw new UnsupportedOperationException(moduleName() + " does not support deepCopy(): override newInstance() in "
                + getClass().getName() + " to build a module with the same configuration");
    }

    /** Gives every parameter and buffer of this module a clone of {@code src}'s namesake, module by module. */
    private void copyStateFrom(Module src) {
        Map<String, Module> mine = namedModules();
        Map<String, Module> theirs = src.namedModules();
        if (!mine.keySet().equals(theirs.keySet())) {
            throw new IllegalStateException(src.moduleName() + ".newInstance() built submodules " + mine.keySet() + ", expected "
                    + theirs.keySet());
        }
        try (Scope s = Scope.open(); org.torch4j.autograd.Grad.Guard g = org.torch4j.autograd.Grad.noGrad()) {
            for (Map.Entry<String, Module> e : theirs.entrySet()) {
                Module from = e.getValue();
                Module to = mine.get(e.getKey());
                copyTensors(e.getKey(), from.params, to.params, true);
                copyTensors(e.getKey(), from.buffers, to.buffers, false);
                to.training = from.training;
            }
        }
    }

    private static void copyTensors(String where, Map<String, Tensor> from, Map<String, Tensor> to, boolean parameters) {
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalStateException("deepCopy: module '" + where + "' of the copy has " + (parameters ? "parameters " : "buffers ")
                    + to.keySet() + ", the original " + from.keySet());
        }
        for (Map.Entry<String, Tensor> e : from.entrySet()) {
            Tensor a = e.getValue();
            Tensor b = to.get(e.getKey());
            if ((a == null) != (b == null)) {
                throw new IllegalStateException("deepCopy: '" + e.getKey() + "' of module '" + where + "' is "
                        + (a == null ? "absent in the original" : "absent in the copy"));
            }
            if (a == null) {
                continue;
            }
            if (!java.util.Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalStateException("deepCopy: '" + e.getKey() + "' of module '" + where + "' has shape "
                        + java.util.Arrays.toString(b.shape()) + " in the copy, " + java.util.Arrays.toString(a.shape())
                        + " in the original");
            }
            setData(b, a.detach().clone());
            if (parameters) {
                b.requiresGrad(a.requiresGrad());
                Tensor grad = a.grad();
                b.setGrad(grad == null ? null : grad.clone());
            }
        }
    }

    // ---------------------------------------------------------------- state

    /** {@code zero_grad()}: sets every parameter's gradient to none (PyTorch's default since 2.0). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * {@code zero_grad(set_to_none)}: with {@code setToNone} false, existing gradients are zeroed
     * in place instead (detached from any graph first, as PyTorch does).
     */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters()) {
            if (setToNone) {
                p.setGrad(null);
            } else {
                // exclusive, as setGrad: the gradient's metadata changes while another thread's p.grad() may copy it
                org.bytedeco.pytorch.Tensor n = org.torch4j.internal.Native.leaseExclusive(p, "zeroGrad");
                try {
                    org.bytedeco.pytorch.Tensor g = n.mutable_grad();
                    if (g.defined()) {
                        // grad_fn() hands out a shared_ptr: release it now, not at a GC
                        try (org.bytedeco.pytorch.Node fn = g.grad_fn()) {
                            if (fn != null && !fn.isNull()) {
                                g.detach_();
                            } else {
                                g.requires_grad_(false);
                            }
                        }
                        g.zero_();
                    }
                } catch (RuntimeException e) {
                    throw org.torch4j.internal.Native.fail(e, "zeroGrad", p);
                } finally {
                    org.torch4j.internal.Native.releaseExclusive(p);
                }
            }
        }
    }

    /** {@code train()}: training mode for this module and every submodule. Returns {@code this}. */
    public Module train() {
        return train(true);
    }

    /** {@code train(mode)}. Returns {@code this}. */
    public Module train(boolean mode) {
        checkOpen();
        training = mode;
        for (Module c : children.values()) {
            c.train(mode);
        }
        return this;
    }

    /** {@code eval()}: same as {@code train(false)}. Returns {@code this}. */
    public Module eval() {
        return train(false);
    }

    /** {@code self.training}. */
    public boolean isTraining() {
        checkOpen();
        return training;
    }

    /**
     * {@code to(dtype)}: converts every floating-point parameter (and its gradient) and buffer in place, as
     * PyTorch does — the parameter objects stay the same (so optimizers made later see them), only
     * their data changes. Returns {@code this}.
     *
     * @throws IllegalArgumentException if {@code dtype} is not a floating-point type
     */
    public Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("Module.to only accepts floating point dtypes, but got desired dtype=" + dtype);
        }
        for (Tensor p : parameters()) {
            if (p.dtype().isFloatingPoint()) {
                setData(p, t -> t.to(dtype));
            }
        }
        for (Tensor b : buffers()) {
            if (b.dtype().isFloatingPoint()) {
                setData(b, t -> t.to(dtype));
            }
        }
        return this;
    }

    /**
     * {@code to(device)}: moves every parameter (and its gradient) and every buffer in place.
     * Returns {@code this}.
     */
    public Module to(Device device) {
        Objects.requireNonNull(device, "device");
        for (Tensor p : parameters()) {
            setData(p, t -> t.to(device));
        }
        for (Tensor b : buffers()) {
            setData(b, t -> t.to(device));
        }
        return this;
    }

    private static void setData(Tensor p, java.util.function.UnaryOperator<Tensor> fn) {
        try (Scope s = Scope.open()) {
            Tensor converted = fn.apply(p);
            Tensor g = p.grad();
            Tensor convertedGrad = g == null ? null : fn.apply(g);
            setData(p, converted);
            if (g != null) {
                p.setGrad(convertedGrad); // grad() is a detached view: set_data on it would leave p's gradient as it was
            }
        }
    }

    /**
     * {@code target.set_data(value)}: {@code target} held exclusively (set_data replaces its storage,
     * sizes, dtype and device, which another thread's forward may be reading), {@code value} leased.
     */
    private static void setData(Tensor target, Tensor value) {
        org.bytedeco.pytorch.Tensor t = org.torch4j.internal.Native.leaseExclusive(target, "Module.to");
        try {
            org.bytedeco.pytorch.Tensor v = org.torch4j.internal.Native.lease(value, "Module.to");
            try {
                t.set_data(v);
            } finally {
                org.torch4j.internal.Native.release(value);
            }
        } catch (RuntimeException e) {
            throw org.torch4j.internal.Native.fail(e, "Module.to", target);
        } finally {
            org.torch4j.internal.Native.releaseExclusive(target);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees every parameter this module owns and closes its submodules. Idempotent. Optimizers
     * hold their own references, so a closed module's parameters are no longer reachable from Java
     * but an optimizer made from them still works safely.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Tensor t : owned) {
            t.close();
        }
        owned.clear();
        for (Module c : children.values()) {
            c.close();
        }
        onClose();
    }

    /** Hook for subclasses that hold other native resources; runs once, after the parameters are freed. */
    protected void onClose() {
    }

    /** Throws {@link IllegalStateException} if this module was closed. */
    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("module " + moduleName() + " was closed; it cannot be used");
        }
    }

    // ---------------------------------------------------------------- printing

    /** The name PyTorch prints for this module: by default the simple class name. */
    protected String moduleName() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? getClass().getName() : n;
    }

    /** Extra text inside the parentheses of {@link #toString()}, as PyTorch's {@code extra_repr()}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module repr, e.g. {@code Sequential(\n  (0): Linear(in_features=3, …)\n)}. */
    @Override
    public String toString() {
        if (closed) {
            return moduleName() + "(<closed>)";
        }
        String extra = extraRepr();
        if (children.isEmpty()) {
            return moduleName() + "(" + extra + ")";
        }
        StringBuilder sb = new StringBuilder(moduleName()).append("(");
        if (!extra.isEmpty()) {
            sb.append("\n  ").append(extra.replace("\n", "\n  "));
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            sb.append("\n  (").append(e.getKey()).append("): ").append(e.getValue().toString().replace("\n", "\n  "));
        }
        return sb.append("\n)").toString();
    }
}
