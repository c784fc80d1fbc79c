package org.torch4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code torch.nn.ModuleDict(modules)}: modules by name, in insertion order, registered as
 * children under their keys (parameters {@code key.weight}, …), with no forward of its own.
 * Closing it closes the modules it holds; a module replaced by {@link #put} or taken out by
 * {@link #remove} is returned to the caller, who then owns it.
 */
public final class ModuleDict extends Module {
    private final LinkedHashMap<String, Module> modules = new LinkedHashMap<>();

    /** An empty {@code ModuleDict()}. */
    public ModuleDict() {
    }

    /** {@code ModuleDict(modules)}: registers the modules under their keys, in the map's iteration order. */
    public ModuleDict(Map<String, ? extends Module> modules) {
        Objects.requireNonNull(modules, "modules");
        modules.forEach(this::put);
    }

    /** {@code self[key] = module}: returns the module it replaced (now the caller's), or null. */
    public Module put(String key, Module module) {
        Objects.requireNonNull(module, "ModuleDict: module is null");
        if (!modules.containsKey(key)) {
            registerModule(key, module);
            modules.put(key, module);
            return null;
        }
        Module old = replaceModule(key, module);
        modules.put(key, module);
        return old;
    }

    /** {@code self[key]}, typed by the assignment; a missing key is an IllegalArgumentException naming the keys (Python: KeyError). */
    @SuppressWarnings("unchecked")
    public <M extends Module> M get(String key) {
        checkOpen();
        Module m = modules.get(key);
        if (m == null) {
            throw new IllegalArgumentException("ModuleDict has no key '" + key + "' (keys: " + modules.keySet() + ")");
        }
        return (M) m;
    }

    /** {@code pop(key)}: removes and returns the module (now the caller's), or null. */
    public Module remove(String key) {
        checkOpen();
        Module m = modules.remove(key);
        if (m != null) {
            removeModule(key);
        }
        return m;
    }

    /** {@code key in self}. */
    public boolean containsKey(String key) {
        return modules.containsKey(key);
    }

    /** {@code keys()}, in insertion order. */
    public Set<String> keySet() {
        checkOpen();
        return Collections.unmodifiableSet(modules.keySet());
    }

    /** The entries, in insertion order (unmodifiable). */
    public Map<String, Module> asMap() {
        checkOpen();
        return Collections.unmodifiableMap(modules);
    }

    /** {@code len(self)}. */
    public int size() {
        return modules.size();
    }

    /** Copies of the children ({@link Module#deepCopy()} of each), for {@link Module#deepCopy()}. */
    @Override
    protected Module newInstance() {
        ModuleDict copy = new ModuleDict();
        for (java.util.Map.Entry<String, Module> e : modules.entrySet()) {
            copy.put(e.getKey(), e.getValue().deepCopy());
        }
        return copy;
    }
}
