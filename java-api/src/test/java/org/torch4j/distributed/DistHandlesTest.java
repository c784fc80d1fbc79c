package org.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * The distributed handles' lifetimes (found by an audit of the raw native calls): a store closed
 * during a blocking get, and the native Work of every collective freed once waited for. Forked,
 * as the first was a JVM crash.
 */
class DistHandlesTest {
    @Test
    void aStoreClosedDuringGetAndCollectivesFreeTheirWork() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(DistHandlesMain.class, List.of("-Xmx256m"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK store closed during get"), r.output());
        assertTrue(r.output().contains("OK 20 all-reduces of 64 MB"), r.output());
        assertFalse(r.output().contains("FAIL"), r.output());
    }
}
