package org.torch4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * A backward pass that fails around a custom Function releases everything once its scope closes:
 * the Function's context, its saved tensors and every tensor of the graph, on the main thread and
 * on threads that end (issue 14; fuzz finding "a multi-input Function's backward failed"). LibTorch
 * leaves the nodes queued when a pass fails in the thread's ready queue; a hooked node there kept
 * its context alive, and a thread's teardown then freed it where the JVM could not take the call.
 */
class FailedBackwardReleaseTest {
    @Test
    void failedBackwardPassesLeaveNothingAlive() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(FailedBackwardMain.class);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("FAILED done"), r.output());
        assertFalse(r.output().contains("Could not attach"), r.output());
        int cases = 0;
        for (String line : r.output().split("\\R")) {
            if (line.startsWith("FAILED ") && !line.equals("FAILED done")) {
                cases++;
                assertTrue(line.contains(" liveTensors=0 "), line + "\n" + r.output());
                assertTrue(line.contains(" liveContexts=0 "), line + "\n" + r.output());
                assertTrue(line.endsWith(" threw=1"), line + "\n" + r.output());
            }
        }
        assertEquals(12, cases, r.output());
    }
}
