package org.torch4j.bindings;

import org.bytedeco.openblas.presets.openblas_nolapack;
import org.bytedeco.pytorch.global.torch;

/**
 * Sizes every CPU thread pool that runs torch4j's work with one number.
 *
 * <p>LibTorch's CPU build runs parallel element-wise and reduction kernels on OpenMP (the
 * {@code libgomp.so.1} beside it; {@code at::set_num_threads} sizes it), but its float matmul,
 * {@code addmm}, {@code bmm} and linear layers call OpenBLAS, which is built with its own
 * pthread pool ({@code libopenblas.so.0} does not link libgomp) that {@code at::set_num_threads}
 * never touches: it keeps {@code OPENBLAS_NUM_THREADS} or one thread per core. On a loaded
 * machine a matmul then waits for a preempted OpenBLAS worker even after
 * {@code setNumThreads(1)} (issue 13: 0.2 to 16 ms for a 256x256 matmul). The policy here:
 * <b>OpenBLAS starts with one thread</b> (see {@link #applyDefault}) <b>and every
 * {@link #setIntraOp} gives it as many threads as LibTorch's intra-op pool</b>. The OpenMP count is per OS thread in libgomp; LibTorch copies its
 * last {@code set_num_threads} value into each thread on that thread's first parallel op, so a
 * thread started later agrees too.
 *
 * <p><b>Waiting, not spinning.</b> Both pools' workers spin after each parallel call (libgomp up to
 * {@code GOMP_SPINCOUNT}=300,000 spins, OpenBLAS's {@code sched_yield} loop up to 2^28 cycles), so
 * on a machine whose cores are shared with another busy process they take the core the next op
 * needs (issue 13: an MLP epoch 17–80x slower with 2 threads than with 1). Both libraries read their
 * wait settings from the environment once, when they are loaded — which torch4j does itself — so
 * before loading them torch4j puts {@link #ENV_DEFAULTS} into the native environment
 * ({@link NativeEnv}): idle workers sleep at once. A variable the user set wins (checked per group,
 * e.g. a {@code GOMP_SPINCOUNT} keeps {@code OMP_WAIT_POLICY} unset); {@code -D}{@value #ENV_DEFAULTS_PROPERTY}
 * {@code =false} leaves both libraries at their own defaults. See docs/THREADS.md, "CPU thread pools".
 */
public final class Threads {
    /** System property: {@code false} keeps torch4j from setting {@link #ENV_DEFAULTS}. */
    public static final String ENV_DEFAULTS_PROPERTY = "torch4j.threads.envDefaults";

    /**
     * The environment torch4j sets before loading libgomp and OpenBLAS, each row {variable, value,
     * variables whose presence means the user chose (any of them set: the row is skipped)}.
     */
    static final String[][] ENV_DEFAULTS = {
        // libgomp: idle OpenMP workers block on a futex at once instead of spinning
        {"OMP_WAIT_POLICY", "PASSIVE", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"},
        // OpenBLAS: idle workers stop their sched_yield loop after 2^4 cycles (the minimum) instead of 2^28
        {"OPENBLAS_THREAD_TIMEOUT", "4", "OPENBLAS_THREAD_TIMEOUT", "GOTO_THREAD_TIMEOUT"},
    };

    /** What {@link #applyEnvDefaults} did, variable to value (set by torch4j) or to why not. */
    private static final java.util.Map<String, String> ENV_APPLIED = new java.util.LinkedHashMap<>();

    private Threads() {
    }

    /**
     * Puts {@link #ENV_DEFAULTS} into the native environment. Called by {@link LibTorch} once,
     * before OpenBLAS and libgomp are loaded (afterwards it would change nothing they read).
     */
    static synchronized void applyEnvDefaults() {
        if ("false".equalsIgnoreCase(System.getProperty(ENV_DEFAULTS_PROPERTY, "true"))) {
            for (String[] row : ENV_DEFAULTS) {
                ENV_APPLIED.put(row[0], "not set (-D" + ENV_DEFAULTS_PROPERTY + "=false)");
            }
            return;
        }
        boolean supported = NativeEnv.supported();
        for (String[] row : ENV_DEFAULTS) {
            String userSet = null;
            for (int i = 2; i < row.length && userSet == null; i++) {
                String v = supported ? NativeEnv.get(row[i]) : System.getenv(row[i]);
                if (v != null) {
                    userSet = row[i] + "=" + v;
                }
            }
            if (userSet != null) {
                ENV_APPLIED.put(row[0], "left to the user (" + userSet + ")");
            } else if (!supported) {
                ENV_APPLIED.put(row[0], "not set (the C library's environ is not reachable here)");
            } else if (NativeEnv.setIfAbsent(row[0], row[1])) {
                ENV_APPLIED.put(row[0], row[1]);
            } else {
                ENV_APPLIED.put(row[0], "not set (could not extend the environment)");
            }
        }
    }

    /**
     * For each variable of torch4j's thread environment defaults: the value torch4j set, or why it
     * did not (the user's own setting, the opt-out property). Empty before LibTorch is loaded.
     */
    public static synchronized java.util.Map<String, String> envDefaults() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ENV_APPLIED));
    }

    /** LibTorch's intra-op thread count as seen from the calling thread. */
    public static int intraOp() {
        LibTorch.ensureLoaded();
        return torch.get_num_threads();
    }

    /** OpenBLAS's own pool size ({@code openblas_get_num_threads}), or -1 when no OpenBLAS is loaded. */
    public static int blas() {
        LibTorch.ensureLoaded();
        return openblas_nolapack.blas_get_num_threads();
    }

    /** Sets LibTorch's intra-op pool (OpenMP) and OpenBLAS's pool to {@code n} threads, process-wide. */
    public static void setIntraOp(int n) {
        LibTorch.ensureLoaded();
        torch.set_num_threads(n);
        openblas_nolapack.blas_set_num_threads(n);
    }

    /** Sizes OpenBLAS's pool alone (for measurements of the policy; {@link #setIntraOp} sets both). */
    public static void setBlas(int n) {
        LibTorch.ensureLoaded();
        openblas_nolapack.blas_set_num_threads(n);
    }

    /** LibTorch's inter-op pool size (the pool {@code at::launch} and TorchScript's fork use). */
    public static int interOp() {
        LibTorch.ensureLoaded();
        return (int) torch.get_num_interop_threads();
    }

    /**
     * Sets LibTorch's inter-op pool size. LibTorch allows this once per process, before any
     * inter-op work started; afterwards it refuses (an {@link IllegalStateException} here).
     */
    public static void setInterOp(int n) {
        LibTorch.ensureLoaded();
        try {
            torch.set_num_interop_threads(n);
        } catch (RuntimeException e) {
            throw new IllegalStateException("setNumInteropThreads: " + NativeErrors.firstLine(e), e);
        }
    }

    /**
     * Applies the policy at load: OpenBLAS's pool starts with one thread (LibTorch's intra-op pool
     * keeps its default), unless the user chose its size through {@code OPENBLAS_NUM_THREADS} (or
     * {@code GOTO_NUM_THREADS}). Measured on the shared 2-core machine (docs/THREADS.md): with two
     * OpenBLAS threads a 256x256 matmul or an MLP epoch waits for a worker that has no core as soon
     * as other processes are busy (5-100x the one-thread time, even with sleeping workers), while
     * one OpenBLAS thread with the intra-op default was never slower than one thread overall.
     * {@link #setIntraOp} (Torch.setNumThreads) sizes both pools again, so a parallel matmul is one
     * call away.
     */
    static void applyDefault() {
        if (System.getenv("OPENBLAS_NUM_THREADS") != null || System.getenv("GOTO_NUM_THREADS") != null) {
            return;
        }
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }
}
