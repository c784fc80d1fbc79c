package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.nn.ModuleList(modules)}: a list of modules registered as children {@code 0},
 * {@code 1}, … (their parameters are {@code 0.weight}, …), with no forward of its own — the
 * owning module's forward iterates it. Closing it closes them.
 */
public final class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    /** {@code ModuleList(modules)}: registers the modules as children {@code 0}, {@code 1}, …. */
    public ModuleList(Module... modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            append(m);
        }
    }

/**
     * PyTorch's {@code _get_clones(module, n)}: {@code n} deep copies of {@code module}
     * ({@link Module#deepCopy()}); on failure the copies made so far are closed.
     */
    static ModuleList clones(Module module, int n) {
        ModuleList list = new ModuleList();
        try {
            for (int i = 0; i < n; i++) {
                list.append(module.deepCopy());
            }
            return list;
        } catch (RuntimeException e) {
            list.close();
            throw e;
        }
    }

        /** {@code ModuleList(modules)}: registers the modules as children {@code 0}, {@code 1}, …. */
    public ModuleList(List<? extends Module> modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            append(m);
        }
    }

    /** {@code append(module)}. Returns {@code this}. */
    public ModuleList append(Module module) {
        Objects.requireNonNull(module, "ModuleList: module is null");
        registerModule(String.valueOf(modules.size()), module);
        modules.add(module);
        return this;
    }

    /** {@code extend(modules)}. Returns {@code this}. */
    public ModuleList extend(Iterable<? extends Module> more) {
        for (Module m : more) {
            append(m);
        }
        return this;
    }

    /** {@code self[index]}, typed by the assignment; negative indexes count from the end. */
    @SuppressWarnings("unchecked")
    public <M extends Module> M get(int index) {
        checkOpen();
        int n = modules.size();
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a ModuleList of " + n + " modules");
        }
        return (M) modules.get(i);
    }

    /** {@code len(self)}. */
    public int size() {
        return modules.size();
    }

    @Override
    public Iterator<Module> iterator() {
        checkOpen();
        return Collections.unmodifiableList(modules).iterator();
    }

    /** Copies of the children ({@link Module#deepCopy()} of each), for {@link Module#deepCopy()}. */
    @Override
    protected Module newInstance() {
        ModuleList copy = new ModuleList();
        for (Module m : modules) {
            copy.append(m.deepCopy());
        }
        return copy;
    }
}
