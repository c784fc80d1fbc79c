package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * The serving path with a Java model (docs/THREADS.md, `Module`): one CNN in eval mode shared by 4
 * threads, each forward under the calling thread's no-grad or inference-mode guard in its own
 * Scope. Every output equals the single-thread output bit for bit, and every tensor the threads made
 * is freed when their scopes close.
 */
class ConcurrentModuleForwardTest {
    private static final int THREADS = 4;
    private static final int FORWARDS = 300;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noGrad", "inferenceMode"})
    void fourThreadsShareOneModelInEvalMode(String mode) throws Exception {
        Supplier<Grad.Guard> guard = mode.equals("noGrad") ? Grad::noGrad : Grad::inferenceMode;
        Torch.manualSeed(7);
        try (Sequential model = new Sequential(new Conv2d(3, 8, 3, 1, 1), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(8 * 8 * 8, 10))) {
            try (Scope warm = Scope.open()) { // move BatchNorm's running statistics off their defaults
                model.forward(Torch.randn(16, 3, 16, 16));
            }
            model.eval();
            Tensor x = Torch.randn(4, 3, 16, 16).unscoped();
            Tensor expected;
            try (Grad.Guard g = guard.get()) {
                expected = model.forward(x).unscoped();
            }
            long before = settledLiveCount(); // earlier tests' dropped tensors must not be freed mid-test by the Cleaner
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(pool.submit(() -> {
                        int equal = 0;
                        for (int i = 0; i < FORWARDS; i++) {
                            try (Scope s = Scope.open(); Grad.Guard g = guard.get()) {
                                Tensor y = model.forward(x);
                                if (!y.requiresGrad() && y.equal(expected)) {
                                    equal++;
                                }
                            }
                        }
                        return equal;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertEquals(FORWARDS, f.get(120, TimeUnit.SECONDS), mode + ": outputs equal to the single-thread output, without history");
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertEquals(before, settledLiveCount(), "every tensor the threads made was freed by their scopes");
            expected.close();
            x.close();
        }
    }

    /** The live count once GC and the Cleaner have freed every dropped unscoped tensor (stable over three rounds, at most ~3 s). */
    private static long settledLiveCount() throws InterruptedException {
        long last = -1;
        int stable = 0;
        for (int i = 0; i < 150 && stable < 3; i++) {
            System.gc();
            Thread.sleep(20);
            long now = Torch.liveTensorCount();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }
}
