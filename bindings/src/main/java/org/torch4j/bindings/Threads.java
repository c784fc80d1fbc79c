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
 * <b>OpenBLAS always runs with as many threads as LibTorch's intra-op pool</b>, at load and at
 * every {@link #setIntraOp}. The OpenMP count is per OS thread in libgomp; LibTorch copies its
 * last {@code set_num_threads} value into each thread on that thread's first parallel op, so a
 * thread started later agrees too.
 */
public final class Threads {
    private Threads() {
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
     * Applies the policy at load: OpenBLAS gets LibTorch's intra-op count unless the user chose
     * its size through {@code OPENBLAS_NUM_THREADS} (or {@code GOTO_NUM_THREADS}).
     */
    static void applyDefault() {
        if (System.getenv("OPENBLAS_NUM_THREADS") != null || System.getenv("GOTO_NUM_THREADS") != null) {
            return;
        }
        int n = torch.get_num_threads();
        if (openblas_nolapack.blas_get_num_threads() != n) {
            openblas_nolapack.blas_set_num_threads(n);
        }
    }
}
