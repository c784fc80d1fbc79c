package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Issue 14, defect 11e: dropped optimizers are freed by the safety net; close is safe from another thread. */
class OptimizerSafetyNetTest {
    @Test
    void threeHundredDroppedAdamsDoNotHoldGigabytes() throws Exception {
        List<String> jvm = new ArrayList<>(ForkedJvm.FIXED_HEAP_128M);
        jvm.add("-Dtorch4j.gcThresholdBytes=" + (64 << 20));
        ForkedJvm.Result r = ForkedJvm.run(OptimizerSafetyNetMain.class, jvm, "300");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> v = r.values("NET");
        long growthMB = (v.get("maxRssKB") - v.get("rss0KB")) / 1024;
        // unfreed: 300 x (8 MB state + their gradient copies) would be well over 2 GB
        assertTrue(growthMB < 600, "RSS grew by " + growthMB + " MB: " + r.output());
        assertEquals(0L, v.get("liveAfterGc"), r.output());
        assertTrue(v.get("withOne") > 0, "a stepped Adam holds state tensors: " + r.output());
        assertEquals(0L, v.get("afterClose"), "close frees at once, once: " + r.output());
    }

    @Test
    void closeOnAnotherThreadWaitsForTheStep() throws Exception {
        try (Scope s = Scope.open()) {
            Tensor p = Torch.zeros(1 << 16).requiresGrad(true);
            p.setGrad(Torch.ones(1 << 16));
            for (int round = 0; round < 20; round++) {
                Adam a = new Adam(List.of(p), 1e-3);
                Thread closer = new Thread(a::close);
                closer.start();
                for (int i = 0; i < 50; i++) {
                    try {
                        a.step();
                    } catch (IllegalStateException closed) {
                        break;
                    }
                }
                closer.join();
                assertTrue(a.isClosed());
                assertThrows(IllegalStateException.class, a::step);
            }
        }
    }
}
