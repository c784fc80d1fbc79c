package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * The Transformer-encoder training loop of {@link TransformerLoopMain} (1,000 iterations, a Scope
 * each) in a fresh JVM with a fixed heap touched up front (without AlwaysPreTouch, heap pages the
 * GC first touches after warm-up count as growth: 40-55 MB of the 128 MB heap). The live-tensor
 * count returns exactly to its baseline after warm-up (the attention and layer intermediates,
 * masks, gradients and Adam's state are all accounted for), RSS stays within 50 MB, and closing
 * the model frees its tensors.
 */
class TransformerMemoryTest {
    @Test
    void transformerTrainingLoopIsFlat() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(TransformerLoopMain.class, ForkedJvm.FIXED_HEAP_128M, "1000");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Double> m = new HashMap<>();
        r.output().lines().filter(l -> l.contains("=")).forEach(l -> {
            String[] kv = l.split("=", 2);
            m.put(kv[0], Double.parseDouble(kv[1]));
        });
        System.out.println("transformer loop 1000: " + m);
        assertEquals(m.get("baseLive"), m.get("endLive"), "live tensors back to baseline");
        double growthMb = (m.get("rssEndKb") - m.get("rssAfterWarmupKb")) / 1024;
        assertTrue(growthMb < 50, "RSS grew " + growthMb + " MB after warm-up");
        assertTrue(Double.isFinite(m.get("loss")), "the loss is a number");
        assertTrue(m.get("closedLive") < m.get("baseLive"), "closing the model and optimizer freed their tensors");
    }
}
