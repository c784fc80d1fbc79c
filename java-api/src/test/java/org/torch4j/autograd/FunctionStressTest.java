package org.torch4j.autograd;

import org.torch4j.ForkedJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Collections during backward, graphs freed on the safety net's thread, two threads at once,
 * exceptions in backward and retained graphs, in a forked JVM: a crash or a callback called after
 * it was released fails this test instead of killing the test run.
 */
class FunctionStressTest {
    private static final int N = 5_000;

    @Test
    void survivesCollectionsThreadsAndErrors() throws Exception {
        ForkedJvm.Result run = ForkedJvm.run(FunctionStressMain.class, ForkedJvm.FIXED_HEAP_128M, Integer.toString(N));
        assertEquals(0, run.exitCode(), run.output());
        for (String phase : new String[] {"gc ok", "dropped-unscoped", "threads null ok", "exceptions", "retain"}) {
            assertTrue(run.output().contains("STRESS " + phase), phase + ":\n" + run.output());
        }
        assertTrue(run.output().contains("STRESS done liveContexts=0 "), run.output());
        assertEquals(0, run.output().split("FAILED", -1).length - 1, run.output());
    }
}
