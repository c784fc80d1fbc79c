package org.torch4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * Issue 14, defect 3: two threads calling {@code backward(true)} on one graph that contains a
 * custom Function crashed the JVM (the hooks of both passes shared one application's state). Now
 * both passes run, each input gets exactly the sum of both threads' gradients, and the contexts
 * are released afterwards. In a forked JVM, so a crash fails this test only.
 */
class ConcurrentBackwardTest {
    @Test
    void twoThreadsBackPropagateThroughOneRetainedGraph() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(ConcurrentBackwardMain.class, "300");
        assertEquals(0, r.exitCode(), r.output());
        for (String phase : new String[] {"direct", "inputs", "outputs"}) {
            assertTrue(r.output().contains("CONCURRENT " + phase + " ok"), phase + ":\n" + r.output());
        }
        assertEquals(0L, r.values("CONCURRENT done").get("liveContexts"), r.output());
    }
}
