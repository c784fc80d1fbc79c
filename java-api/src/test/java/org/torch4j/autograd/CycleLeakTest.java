package org.torch4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * Issue 14, defect 10: loops whose graphs reference their own inputs keep the live-tensor count,
 * the live Function contexts and RSS flat (fixed-heap forked JVM). {@code x.copy_(f.apply(x))}
 * used to leave one tensor and one context alive per iteration for ever.
 */
class CycleLeakTest {
    private static final int N = 3000;

    @Test
    void loopsOverSelfReferencingGraphsStayFlat() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(CycleLeakMain.class, ForkedJvm.FIXED_HEAP_128M, String.valueOf(N));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("CYCLE done"), r.output());
        for (String phase : new String[] {"function-inplace", "persistent-inplace", "nograd-inplace", "self-referencing-graph"}) {
            Map<String, Long> start = r.values("CYCLE " + phase + "-start");
            Map<String, Long> end = r.values("CYCLE " + phase + "-end");
            // the stale sweep runs when live contexts double past 256: bounded, not zero
            assertTrue(end.get("liveContexts") <= 600, phase + " contexts: " + r.output());
            assertTrue(end.get("liveTensors") - start.get("liveTensors") <= 600, phase + " tensors: " + r.output());
            // 2400 iterations of 64 kB tensors: a leak of one tensor per iteration would be 150 MB
            long growthKB = end.get("rssKB") - start.get("rssKB");
            assertTrue(growthKB < 48 * 1024, phase + " RSS grew by " + growthKB + " kB:\n" + r.output());
        }
    }
}
