package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * The CNN training loop of {@link CnnLoopMain} over 10,000 iterations in a fresh fixed-heap JVM:
 * with a Scope per iteration the live-tensor count returns exactly to its baseline (so the
 * modules' parameters and buffers, the optimizer's state and every temporary are accounted for)
 * and RSS grows by less than 50 MB after warm-up.
 */
class CnnMemoryTest {
    @Test
    void cnnTrainingLoopIsFlat() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(CnnLoopMain.class, List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"), "10000");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Double> m = new HashMap<>();
        r.output().lines().filter(l -> l.contains("=")).forEach(l -> {
            String[] kv = l.split("=", 2);
            m.put(kv[0], Double.parseDouble(kv[1]));
        });
        System.out.println("cnn loop 10000: " + m);
        assertEquals(m.get("baseLive"), m.get("endLive"), "live tensors back to baseline");
        double growthMb = (m.get("rssEndKb") - m.get("rssAfterWarmupKb")) / 1024;
        assertTrue(growthMb < 50, "RSS grew " + growthMb + " MB after warm-up");
        assertEquals(9000, m.get("batchesTracked"), "BatchNorm counted every training batch");
        assertTrue(m.get("loss") < 1.0, "the model learned (loss " + m.get("loss") + ")");
        assertTrue(m.get("closedLive") < m.get("baseLive"), "closing the model and optimizer freed their tensors");
    }
}
