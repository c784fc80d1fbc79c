package org.torch4j.fuzz;

import java.util.List;
import org.torch4j.TorchException;

/**
 * The exception types a public torch4j call may throw (docs/DESIGN.md, "Exceptions"): anything
 * else escaping a call is a finding, and so is a message carrying C++ frames. Subtypes of the
 * documented types count as documented; a plain {@code java.lang.RuntimeException} (what the
 * presets throw for a C++ exception) does not, because every native failure must go through the
 * one translator and arrive as a {@link TorchException}.
 */
public final class Verdict {
    /** The documented set, in the order DESIGN.md lists it. */
    public static final List<Class<? extends Throwable>> DOCUMENTED = List.of(
            TorchException.class,
            IllegalArgumentException.class,
            IllegalStateException.class,
            IndexOutOfBoundsException.class,
            NullPointerException.class,
            UnsupportedOperationException.class);

    private Verdict() {
    }

    /** Null when {@code t} is an acceptable outcome of a public call, else why it is a finding. */
    public static String check(Throwable t) {
        if (t instanceof MisbehavingFunction.Injected || t instanceof MisbehavingFunction.InjectedError) {
            return null; // thrown on purpose by the fuzz's own Function code: passes through apply
        }
        if (t.getClass() == RuntimeException.class) {
            return "raw java.lang.RuntimeException (untranslated native error)";
        }
        for (Class<? extends Throwable> c : DOCUMENTED) {
            if (c.isInstance(t)) {
                String m = t.getMessage();
                if (m != null && (m.contains("Exception raised from") || m.contains("frame #"))) {
                    return "message carries a C++ backtrace";
                }
                return null;
            }
        }
        return "undocumented type";
    }
}
