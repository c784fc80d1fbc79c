package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.torch4j.bindings.Threads;

/** One number sizes LibTorch's intra-op pool and OpenBLAS's own pool (docs/THREADS.md, "CPU thread pools"). */
class ThreadsPolicyTest {

    @Test
    void openBlasStartsWithOneThreadAndFollowsEverySet() {
        assumeTrue(System.getenv("OPENBLAS_NUM_THREADS") == null && System.getenv("GOTO_NUM_THREADS") == null,
                "the user sized OpenBLAS through the environment");
        int before = Torch.getNumThreads();
        int blasBefore = Threads.blas();
        try {
            // this JVM may have run other tests' setNumThreads; the load-time default is checked in a fresh JVM
            // by ThreadEnvDefaultsTest (bindings)
            Torch.setNumThreads(1);
            assertEquals(1, Torch.getNumThreads());
            assertEquals(1, Threads.blas(), "setNumThreads(1) reaches OpenBLAS's pool (openblas_get_num_threads)");
            Torch.setNumThreads(2);
            assertEquals(2, Torch.getNumThreads());
            assertEquals(2, Threads.blas());
        } finally {
            Torch.setNumThreads(before);
            Threads.setBlas(blasBefore);
        }
        assertEquals(before, Torch.getNumThreads());
    }

    @Test
    void aThreadStartedLaterSeesTheCountAndAMatmulStillAgrees() throws Exception {
        int before = Torch.getNumThreads();
        int blasBefore = Threads.blas();
        try (Scope s = Scope.open()) {
            Tensor a = Torch.randn(300, 200);
            Tensor b = Torch.randn(200, 100);
            double expected = a.matmul(b).sum().item();
            Torch.setNumThreads(1);
            AtomicInteger seen = new AtomicInteger(-1);
            double[] got = new double[1];
            Thread t = new Thread(() -> {
                seen.set(Torch.getNumThreads());
                try (Scope inner = Scope.open()) {
                    got[0] = a.matmul(b).sum().item();
                }
            });
            t.start();
            t.join();
            assertEquals(1, seen.get(), "a thread started after setNumThreads(1) reports 1");
            assertEquals(1, Threads.blas());
            // one OpenBLAS thread sums in a different order only within float rounding
            assertEquals(expected, got[0], 1e-3 * Math.max(1, Math.abs(expected)));
        } finally {
            Torch.setNumThreads(before);
            Threads.setBlas(blasBefore);
        }
    }

    @Test
    void interopThreadsAreSetAtMostOnceAndBadCountsAreRefused() {
        int n = Torch.getNumInteropThreads();
        assertTrue(n >= 1, "inter-op pool size " + n);
        assertThrows(IllegalArgumentException.class, () -> Torch.setNumInteropThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Torch.setNumInteropThreads(Torch.maxNumThreads() + 1));
        try {
            Torch.setNumInteropThreads(n); // the first call in this JVM may be accepted (same size: harmless)
        } catch (IllegalStateException alreadySet) {
            // another test already started inter-op work or set it
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Torch.setNumInteropThreads(n));
        assertTrue(e.getMessage().startsWith("setNumInteropThreads: "), e.getMessage());
        assertEquals(n, Torch.getNumInteropThreads());
    }
}
