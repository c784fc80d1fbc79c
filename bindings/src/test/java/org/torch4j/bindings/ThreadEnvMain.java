package org.torch4j.bindings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads LibTorch in a fresh JVM and prints what the thread policy left behind, one {@code key=value}
 * per line: torch4j's record ({@link Threads#envDefaults}), the native environment libgomp and
 * OpenBLAS read, the pool sizes, and how often OpenBLAS's workers are runnable in the 40 ms after a
 * matmul (spinning workers are, sleeping ones are not). libgomp prints its own view on stderr when
 * {@code OMP_DISPLAY_ENV} is set.
 */
public final class ThreadEnvMain {
    private ThreadEnvMain() {
    }

    public static void main(String[] args) throws Exception {
        LibTorch.ensureLoaded();
        System.out.println("envDefaults=" + Threads.envDefaults());
        for (String v : new String[] {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT"}) {
            System.out.println("native " + v + "=" + NativeEnv.get(v));
            System.out.println("java " + v + "=" + System.getenv(v));
        }
        System.out.println("intraOp=" + Threads.intraOp());
        System.out.println("blas=" + Threads.blas());
        Threads.setBlas(2);
        try (Tensor a = torch.randn(512, 512); Tensor b = torch.randn(512, 512)) {
            // OpenBLAS's workers spin (sched_yield: runnable) for OPENBLAS_THREAD_TIMEOUT after a call, then
            // sleep: sample their state right after each of 10 matmuls (3 back-to-back reads of /proc)
            int runnable = 0;
            int samples = 0;
            for (int i = 0; i < 10; i++) {
                try (Tensor c = a.matmul(b)) {
                    for (int k = 0; k < 3; k++) {
                        runnable += openBlasWorkersRunnable();
                        samples++;
                    }
                }
            }
            System.out.println("openblasRunnableSamples=" + runnable);
            System.out.println("openblasSamples=" + samples);
        }
    }

    /**
     * How many of OpenBLAS's worker threads are runnable (state R: running or spinning) now. They are
     * created by the loading thread during the load (torch4j's "torch4j-loader", which has ended
     * since) and inherit its name.
     */
    private static int openBlasWorkersRunnable() throws IOException {
        int n = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).trim().equals("torch4j-loader")) {
                        String stat = Files.readString(t.resolve("stat"));
                        n += stat.charAt(stat.lastIndexOf(')') + 2) == 'R' ? 1 : 0;
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return n;
    }
}
