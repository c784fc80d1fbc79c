package org.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Module;
import org.torch4j.nn.parallel.DistributedDataParallel;

/**
 * A DistributedDataParallel dropped without close: its gradient hooks stay on the parameters'
 * accumulators, and JavaCPP holds a callback only weakly. Before the safety net, the GC collected
 * the hooks with the DDP and the next backward through those accumulators died with a
 * NullPointerException from inside autograd. Now a backward after the GC works (the hooks reduce
 * until the safety net turns them into no-ops) and gives the local gradients (a world of one).
 */
class DdpSafetyNetTest {

    @Test
    void aDroppedDdpLeavesLaterBackwardsWorking() throws Exception {
        Torch.ones(1).close();
        long live0 = Torch.liveTensorCount();
        Dist.initProcessGroup("gloo", Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "0", "RANK", "0", "WORLD_SIZE", "1"),
                Duration.ofSeconds(30));
        try (Scope s = Scope.open(); Module m = DdpWorker.model(5); Module ref = DdpWorker.model(5)) {
            Tensor x = Torch.randn(6, 4);
            Tensor y = Torch.randn(6, 3);
            MSELoss mse = new MSELoss();
            List<Tensor> losses = new ArrayList<>();
            List<WeakReference<DistributedDataParallel>> dropped = forwardThenDrop(m, x, y, mse, losses);
            for (int i = 0; i < 100 && dropped.stream().anyMatch(w -> w.get() != null); i++) {
                System.gc();
                Thread.sleep(10);
            }
            for (WeakReference<DistributedDataParallel> w : dropped) {
                assertNull(w.get(), "the dropped DDP was not collected");
            }
            for (int i = 0; i < 5; i++) {
                System.gc(); // with the bug, the hooks' Java objects are gone by now
                Thread.sleep(20);
            }
            for (Tensor loss : losses) {
                loss.backward(); // was: NullPointerException from the collected hook
            }
            mse.forward(m.forward(x), y).backward(); // a fresh graph through the same accumulators
            for (int i = 0; i < 4; i++) {
                mse.forward(ref.forward(x), y).backward();
            }
            float[] got = DdpWorker.grads(m);
            float[] want = DdpWorker.grads(ref);
            assertEquals(want.length, got.length);
            double rel = DdpWorker.relDiff(got, want);
            assertTrue(rel <= 1e-6, "gradients after a dropped DDP differ from plain training: max rel diff " + rel);
        } finally {
            Dist.destroyProcessGroup();
        }
        // the dropped DDPs' buckets (unscoped) are freed by the safety net's close of their reducers (the
        // GCs may also free what earlier tests dropped: the count may end below where it started, not above)
        for (int i = 0; i < 200 && Torch.liveTensorCount() > live0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(Torch.liveTensorCount() <= live0, "live tensors after the dropped DDPs were collected: " + Torch.liveTensorCount()
                + ", before the test: " + live0);
    }

    /**
     * Wraps {@code m} in three DDPs (group of one; all made first, since each construction broadcasts
     * the parameters in place), keeps the loss of one forward through each and drops them unclosed.
     */
    private static List<WeakReference<DistributedDataParallel>> forwardThenDrop(Module m, Tensor x, Tensor y, MSELoss mse,
            List<Tensor> losses) {
        List<DistributedDataParallel> ddps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ddps.add(new DistributedDataParallel(m, null, 1e-6, false, false));
        }
        List<WeakReference<DistributedDataParallel>> refs = new ArrayList<>();
        for (DistributedDataParallel ddp : ddps) {
            losses.add(mse.forward(ddp.forward(x), y)); // graphs built while each DDP lived
            refs.add(new WeakReference<>(ddp));
        }
        return refs;
    }
}
