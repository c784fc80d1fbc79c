package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * {@code torch.nn.Sequential(m0, m1, …)}: a container that runs its modules in order, each on the
 * previous one's output. It lives in Java, so it holds any {@link Module} — built-ins and modules
 * written in Java alike — and registers them as children {@code 0}, {@code 1}, … (their
 * parameters are {@code 0.weight}, {@code 0.bias}, …, as in PyTorch). Closing it closes them.
 * <pre>{@code
 * Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
 * Linear first = model.get(0);                 // model[0]
 * Linear same = model.get(0, Linear.class);    // checked, with a clear message on mismatch
 * }</pre>
 */
public final class Sequential extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    /** {@code nn.Sequential(*modules)}: it owns and closes them; their names are 0, 1, ... */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            add(m);
        }
    }

    /** {@code nn.Sequential(*modules)} from a list: it owns and closes them. */
    public Sequential(List<? extends Module> modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            add(m);
        }
    }

    /** {@code append(module)}: adds {@code module} at the end, named by its index. Returns {@code this}. */
    public Sequential add(Module module) {
        Objects.requireNonNull(module, "Sequential: module is null");
        registerModule(String.valueOf(modules.size()), module);
        modules.add(module);
        return this;
    }

    /**
     * {@code model[index]}, typed by the assignment: {@code Linear l = model.get(0)}. A wrong type
     * fails with a {@link ClassCastException} where the value is used; {@link #get(int, Class)}
     * checks at once. Negative indexes count from the end, as in Python.
     */
    @SuppressWarnings("unchecked")
    public <M extends Module> M get(int index) {
        return (M) module(index);
    }

    /** {@code model[index]}, checked to be a {@code type}. */
    public <M extends Module> M get(int index, Class<M> type) {
        Objects.requireNonNull(type, "type");
        Module m = module(index);
        if (!type.isInstance(m)) {
            throw new ClassCastException("Sequential[" + index + "] is a " + m.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(m);
    }

    private Module module(int index) {
        checkOpen();
        int n = modules.size();
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a Sequential of " + n + " modules");
        }
        return modules.get(i);
    }

    /** {@code len(model)}. */
    public int size() {
        return modules.size();
    }

    /** The modules in order (an unmodifiable view). */
    public List<Module> modules() {
        checkOpen();
        return Collections.unmodifiableList(modules);
    }

    @Override
    public Iterator<Module> iterator() {
        return modules().iterator();
    }

    /** Runs every module in order; an empty Sequential returns {@code input} itself, as PyTorch's does. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        Tensor x = input;
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }

    /** Copies of the children ({@link Module#deepCopy()} of each), for {@link Module#deepCopy()}. */
    @Override
    protected Module newInstance() {
        Sequential copy = new Sequential();
        for (Module m : modules) {
            copy.add(m.deepCopy());
        }
        return copy;
    }
}
