package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A resize_ / set_ that LibTorch rejects leaves the tensor as it was (forked: the defect corrupted memory). */
class FailedResizeTest {
    @Test
    void aFailedResizeOrSetLeavesTheTensorIntact() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(FailedResizeMain.class);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(4, r.output().lines().filter(l -> l.startsWith("OK ")).count(), r.output());
        assertFalse(r.output().contains("FAIL"), r.output());
        assertTrue(r.output().contains("DONE"), r.output());
    }
}
