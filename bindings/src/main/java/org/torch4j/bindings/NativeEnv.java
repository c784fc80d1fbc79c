package org.torch4j.bindings;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads and extends the process's native environment (the C library's {@code environ}), which
 * Java can only read ({@link System#getenv} is a snapshot taken at JVM start and never written).
 *
 * <p>Why: libgomp and OpenBLAS read their settings ({@code OMP_WAIT_POLICY},
 * {@code OPENBLAS_THREAD_TIMEOUT}, …) with {@code getenv} once, in their load-time constructors.
 * torch4j loads both itself ({@link LibTorch}), so a variable placed in {@code environ} just before
 * is what they see — no re-exec, no launcher script, no compiled shim.
 *
 * <p>How, with JavaCPP's own native helpers only ({@code libjnijavacpp.so}, loaded anyway):
 * {@link Loader#addressof} finds the C library's {@code environ} variable, {@link Pointer#malloc}
 * allocates a copy of its array with the new {@code NAME=value} strings appended, and one aligned
 * pointer store publishes it. That is what POSIX permits a program to do with {@code environ}
 * (glibc's and musl's {@code setenv} copy an array they did not allocate before changing it). The
 * old array and the strings are never freed: a thread still reading the old array stays on valid
 * memory, and the environment lives as long as the process anyway (glibc's {@code setenv} leaks
 * the same way). Not thread-safe against a concurrent native {@code setenv}: torch4j calls it once,
 * inside its synchronized load, before LibTorch exists.
 *
 * <p>Only the native environment changes: {@link System#getenv} and child processes started with
 * {@link ProcessBuilder} (which use the JVM's snapshot) do not see the additions.
 */
public final class NativeEnv {
    private NativeEnv() {
    }

    /** The C library's {@code environ} variable (a {@code char**} slot), or null where it cannot be found. */
    private static PointerPointer<BytePointer> environSlot() {
        Loader.load(Pointer.class); // JavaCPP's own JNI library, for addressof, malloc and the pointer accessors
        Pointer p = Loader.addressof("environ");
        return p == null || p.isNull() ? null : new PointerPointer<>(p);
    }

    /** Whether the native environment can be read and extended on this platform (glibc or musl: yes). */
    public static boolean supported() {
        return environSlot() != null;
    }

    /**
     * The value of {@code name} in the native environment now (including additions made after the
     * JVM started), or null when it is unset or the environment cannot be read.
     */
    public static synchronized String get(String name) {
        PointerPointer<BytePointer> slot = environSlot();
        if (slot == null) {
            return null;
        }
        Pointer array = slot.get(0);
        if (array == null || array.isNull()) {
            return null;
        }
        PointerPointer<BytePointer> entries = new PointerPointer<>(array);
        String prefix = name + "=";
        for (long i = 0;; i++) {
            Pointer e = entries.get(i);
            if (e == null || e.isNull()) {
                return null;
            }
            String entry = new BytePointer(e).getString(StandardCharsets.UTF_8);
            if (entry.startsWith(prefix)) {
                return entry.substring(prefix.length());
            }
        }
    }

    /**
     * Sets {@code name=value} in the native environment unless {@code name} is already set there
     * (a value the user set wins). Returns true when it added the variable.
     *
     * @throws IllegalArgumentException if {@code name} is empty or contains '=' or a NUL, or
     *     {@code value} contains a NUL
     */
    public static synchronized boolean setIfAbsent(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NativeEnv.setIfAbsent: bad variable " + name + "=" + value);
        }
        PointerPointer<BytePointer> slot = environSlot();
        if (slot == null || get(name) != null) {
            return false;
        }
        Pointer old = slot.get(0);
        long n = 0;
        if (old != null && !old.isNull()) {
            PointerPointer<BytePointer> entries = new PointerPointer<>(old);
            while (!isNull(entries.get(n))) {
                n++;
            }
        }
        Pointer copy = Pointer.malloc((n + 2) * Loader.sizeof(Pointer.class));
        Pointer entry = cString(name + "=" + value);
        if (copy == null || copy.isNull() || entry == null) {
            return false;
        }
        PointerPointer<BytePointer> array = new PointerPointer<>(copy);
        if (n > 0) {
            PointerPointer<BytePointer> entries = new PointerPointer<>(old);
            for (long i = 0; i < n; i++) {
                array.put(i, entries.get(i));
            }
        }
        array.put(n, entry);
        array.put(n + 1, (Pointer) null);
        slot.put(0, copy); // one aligned store: readers see the old array or the complete new one
        return true;
    }

    private static boolean isNull(Pointer p) {
        return p == null || p.isNull();
    }

    /** A NUL-terminated copy of {@code s} in memory that is never freed (it becomes part of the environment). */
    private static Pointer cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Pointer mem = Pointer.malloc(b.length + 1);
        if (mem == null || mem.isNull()) {
            return null;
        }
        BytePointer bp = new BytePointer(mem);
        bp.put(b, 0, b.length);
        bp.put((long) b.length, (byte) 0);
        return mem;
    }
}
