package org.torch4j.autograd;

import org.torch4j.ForkedJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 100,000 applications with backward, 100,000 without (graph built and dropped) and 100,000 under
 * no-grad, in a forked JVM: live tensors and live contexts return to their baseline, JavaCPP's
 * count of live native objects (which includes every hook object) does not grow, and RSS stays
 * flat. A retained callback or a leaked native reference per iteration would show up as 100,000
 * extra objects or megabytes of RSS.
 */
class FunctionLeakTest {
    private static final int N = 100_000;
    /** RSS may move by allocator noise; a leak of even 200 bytes per iteration would exceed this. */
    private static final long RSS_SLACK_KB = 20 * 1024;
    /** JavaCPP objects awaiting their deallocator thread after the last GC. */
    private static final long POINTER_SLACK = 200;

    @Test
    void longLoopsLeaveNothingBehind() throws Exception {
        ForkedJvm.Result run = ForkedJvm.run(FunctionLeakMain.class, ForkedJvm.FIXED_HEAP_128M, Integer.toString(N));
        assertEquals(0, run.exitCode(), run.output());
        System.out.println(run.output());
        Map<String, Long> start = run.values("CHECK start ");
        Map<String, Long> base = run.values("CHECK train-baseline ");
        Map<String, Long> train = run.values("CHECK train-end ");
        Map<String, Long> fwdBase = run.values("CHECK forward-baseline ");
        Map<String, Long> fwd = run.values("CHECK forward-end ");
        Map<String, Long> nograd = run.values("CHECK nograd-end ");

        for (Map<String, Long> m : java.util.List.of(base, train, fwdBase, fwd, nograd)) {
            assertEquals(start.get("liveTensors"), m.get("liveTensors"), "live tensors: " + run.output());
            assertEquals(0L, m.get("liveContexts"), "live contexts: " + run.output());
        }
        assertFlat("train", base, train);
        assertFlat("forward", fwdBase, fwd);
        assertFlat("nograd", fwd, nograd);
        assertTrue(run.output().contains("backward-calls " + (N + N / 10) + " loss-is-finite true dtype true"), run.output());
    }

    private static void assertFlat(String phase, Map<String, Long> before, Map<String, Long> after) {
        long rss = after.get("rssKB") - before.get("rssKB");
        assertTrue(rss < RSS_SLACK_KB, phase + ": RSS grew by " + rss + " KB over " + N + " iterations");
        long pointers = after.get("javacppPointers") - before.get("javacppPointers");
        assertTrue(pointers < POINTER_SLACK, phase + ": " + pointers + " more live JavaCPP objects (hooks, nodes, tensors)");
    }
}
