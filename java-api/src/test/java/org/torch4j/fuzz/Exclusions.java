package org.torch4j.fuzz;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Public members the fuzz does not call, each dangerous by design (documented as such), with the
 * reason. Everything else public on the fuzzed classes is called, so a new method is fuzzed the
 * moment it exists. Members taking a raw presets type ({@code org.bytedeco.*}) are left out by
 * rule: they are the documented escape hatch to unprotected native objects.
 */
final class Exclusions {
    /** Seed 14460 of the long run (2026-12-04): a helper thread spent > 20 s in polygamma(3) on uninitialised memory. */
    private static final String POLYGAMMA = "PyTorch's polygamma(n >= 2, x) sums its Hurwitz zeta series until x + k > 9: |x| steps per "
            + "element for x << 0 (PyTorch 1.13: x = -1e9-0.5 takes 13 s, -1e15 years); the fuzz's empty() tensors hold such "
            + "garbage. Inherited from PyTorch, documented in docs/DESIGN.md (Known limits)";

    /** "Class.method" (or "*.method": in any class) -> reason. */
    static final Map<String, String> BY_NAME = Map.of(
            "Tensor.unwrap", "escape hatch to the raw presets tensor; not leased by design (javadoc: do not close the tensor while you use it)",
            "Tensor.wrap", "escape hatch taking a raw presets tensor",
            "Optimizer.impl", "raw presets optimizer (escape hatch)",
            "Module.impl", "raw presets module (escape hatch)",
            "*.fromFile", "maps, and with shared=true creates, the file its argument names: file I/O by design, "
                    + "so random names would write files (a 2 TB sparse one did)",
            "*.polygamma", POLYGAMMA,
            "*.polygamma_", POLYGAMMA);


    private Exclusions() {
    }

    /** The reason {@code m} is not fuzzed, or null. */
    static String reason(Executable m) {
        if (m.getDeclaringClass() == Object.class) {
            return "java.lang.Object's methods (wait/notify block or throw by design)";
        }
        if (m instanceof Method mm && mm.getDeclaringClass() == Enum.class) {
            return "java.lang.Enum's methods";
        }
        String simple = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        String r = BY_NAME.getOrDefault(simple, BY_NAME.get("*." + m.getName()));
        if (r != null) {
            return r;
        }
        for (Class<?> p : m.getParameterTypes()) {
            if (isRaw(p)) {
                return "takes a raw presets type (escape hatch)";
            }
        }
        if (m instanceof Method mm && isRaw(mm.getReturnType())) {
            return "returns a raw presets type (escape hatch)";
        }
        return null;
    }

    private static boolean isRaw(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.getName().startsWith("org.bytedeco.");
    }
}
