package org.torch4j.bindings;

import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Makes native objects that torch4j keeps for the life of the JVM (cached scalars and operands,
 * shared options). JavaCPP attaches every new native object to the innermost {@link PointerScope}
 * open on the creating thread and releases it when that scope closes, so a cached object first
 * made while a user's {@code PointerScope} is open would be freed under the cache (later uses
 * then fail with "Pointer address ... is NULL"). When a scope is open, the new object gets one
 * more reference, which the cache owns, so the scope's {@code close()} leaves it alive. (An
 * explicit {@code PointerScope.deallocate()} still frees everything attached, by design.)
 */
public final class Cached {
    private Cached() {
    }

    /** {@code make.get()}, protected from the {@link PointerScope} open on this thread, if any. */
    public static <T extends Pointer> T make(Supplier<T> make) {
        T p = make.get();
        if (PointerScope.getInnerScope() != null) {
            p.retainReference();
        }
        return p;
    }
}
