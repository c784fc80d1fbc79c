package org.torch4j.utils.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * A DataLoader epoch loop over 10,000 batches (159 epochs of a shuffled 1000-sample TensorDataset,
 * batch 16, 2 worker threads, one Scope per step) in a fresh fixed-heap JVM: the live-tensor count
 * at the end equals the count after warm-up exactly (batches, samples, prefetched batches, worker
 * scopes all freed), and RSS grows by less than 30 MB after warm-up.
 */
class DataLoaderMemoryTest {
    @Test
    void anEpochLoopIsFlat() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(DataLoaderMemoryMain.class, ForkedJvm.FIXED_HEAP_128M, "10000", "2");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> m = r.values("mem ");
        System.out.println("DataLoader memory loop: " + m);
        assertTrue(m.get("batches") >= 10_000);
        assertEquals(m.get("warmLive"), m.get("endLive"), "live tensors back to the post-warm-up count");
        long growthKb = m.get("endRssKb") - m.get("warmRssKb");
        assertTrue(growthKb < 30 * 1024, "RSS grew " + growthKb / 1024 + " MB after warm-up");
        assertEquals(1L, m.get("finite"));
    }
}
