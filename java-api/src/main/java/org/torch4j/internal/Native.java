package org.torch4j.internal;

import org.torch4j.Tensor;
import org.torch4j.TorchException;

/**
 * The one path from torch4j's Java code to a native tensor, for code outside {@code org.torch4j}
 * (nn, optim, autograd, jit, distributed): lease the handle for the length of a native call,
 * adopt what the call returns, translate what it throws. Code in {@code org.torch4j} itself (the
 * generated op surface included) calls the same methods of {@link Tensor} directly.
 *
 * <p>Pattern, for every native call on a torch4j tensor:
 * <pre>{@code
 * org.bytedeco.pytorch.Tensor n = Native.lease(t, "op");   // IllegalStateException if t is closed
 * try {
 *     return Native.adopt(torch.op(n));                     // owned by the current Scope
 * } catch (RuntimeException e) {
 *     throw Native.fail(e, "op", t);                        // one-line TorchException
 * } finally {
 *     Native.release(t);                                    // t stays reachable until here
 * }
 * }</pre>
 * A lease keeps the native tensor alive while the call runs: a {@code close()} on another thread,
 * or by the tensor's Scope, defers the free to the last release, and the Cleaner cannot run
 * because the {@code release} call keeps the owner reachable. Not exported (module-info).
 */
public final class Native {
    /** What {@code org.torch4j} lends this package; installed once by {@link Tensor}'s initialiser. */
    public interface Bridge {
        org.bytedeco.pytorch.Tensor lease(Tensor t, String op);

        void release(Tensor t);

        org.bytedeco.pytorch.Tensor leaseExclusive(Tensor t, String op);

        void releaseExclusive(Tensor t);

        Tensor adopt(org.bytedeco.pytorch.Tensor n);

        TorchException fail(RuntimeException e, String op, Object... operands);

        String describe(Tensor t);

        java.lang.ref.Cleaner.Cleanable track(Object owner, Runnable free, long bytes);
    }

    private static volatile Bridge bridge;

    private Native() {
    }

    /** Called once, by {@link Tensor}'s static initialiser; later calls are refused. */
    public static synchronized void install(Bridge b) {
        if (bridge != null) {
            throw new IllegalStateException("Native bridge already installed");
        }
        bridge = b;
    }

    private static Bridge b() {
        Bridge x = bridge;
        if (x == null) {
            try {
                Class.forName("org.torch4j.Tensor", true, Native.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            x = bridge;
        }
        return x;
    }

    /**
     * The native handle of {@code t}, held until {@link #release}. Throws NullPointerException
     * (naming {@code op}) for null and IllegalStateException for a closed tensor.
     */
    public static org.bytedeco.pytorch.Tensor lease(Tensor t, String op) {
        return b().lease(t, op);
    }

    /** Ends a lease taken by {@link #lease}; null is ignored (so a finally block may call it blindly). */
    public static void release(Tensor t) {
        if (t != null) {
            b().release(t);
        }
    }

    /**
     * Leases {@code t} for a call that changes its metadata or its gradient slot (see
     * {@code Tensor.leaseExclusive}): the calls in flight on {@code t} drain first and new ones wait.
     * Pair with {@link #releaseExclusive} in a {@code finally}.
     */
    public static org.bytedeco.pytorch.Tensor leaseExclusive(Tensor t, String op) {
        if (t == null) {
            throw new NullPointerException(op + ": tensor argument is null");
        }
        return b().leaseExclusive(t, op);
    }

    /** Ends {@link #leaseExclusive}. */
    public static void releaseExclusive(Tensor t) {
        b().releaseExclusive(t);
    }

    /** Leases every tensor (nulls stay null); on failure, releases those already leased. */
    public static org.bytedeco.pytorch.Tensor[] leaseAll(Tensor[] ts, String op) {
        org.bytedeco.pytorch.Tensor[] out = new org.bytedeco.pytorch.Tensor[ts.length];
        int i = 0;
        try {
            for (; i < ts.length; i++) {
                out[i] = ts[i] == null ? null : lease(ts[i], op);
            }
            return out;
        } catch (RuntimeException e) {
            for (int j = 0; j < i; j++) {
                release(ts[j]);
            }
            throw e;
        }
    }

    /** Releases every (non-null) tensor of {@code ts}. */
    public static void releaseAll(Tensor[] ts) {
        for (Tensor t : ts) {
            release(t);
        }
    }

    /** Takes ownership of a tensor just returned by value from LibTorch (the current Scope frees it). */
    public static Tensor adopt(org.bytedeco.pytorch.Tensor n) {
        return b().adopt(n);
    }

    /**
     * The one error translator: a native failure (the presets' plain RuntimeException) becomes a
     * one-line {@link TorchException} naming {@code op} and the operands' dtypes and shapes; a
     * Java exception (IllegalStateException, a TorchException, …) is returned unchanged.
     */
    public static RuntimeException fail(RuntimeException e, String op, Object... operands) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        return b().fail(e, op, operands);
    }

    /**
     * The tensors' safety net for another native owner (an optimizer's state, a native module):
     * when {@code owner} becomes unreachable without being closed, {@code free} runs on the
     * Cleaner's thread. {@code bytes} (an estimate of the native memory it holds) count towards the
     * unscoped bytes that make the safety net request a GC, exactly as an unscoped tensor's do. Call
     * {@code clean()} on the result to free now (once; later calls do nothing). {@code free} must not
     * refer to {@code owner}.
     */
    public static java.lang.ref.Cleaner.Cleanable track(Object owner, Runnable free, long bytes) {
        return b().track(owner, free, bytes);
    }

    /** "float32[2, 3]" (or "&lt;closed tensor&gt;"), as error messages describe a tensor. */
    public static String describe(Tensor t) {
        return b().describe(t);
    }
}
