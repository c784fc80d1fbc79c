package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UseAfterCloseTest {
    @Test
    void everyClosedObjectThrowsAJavaExceptionInsteadOfCrashing() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(UseAfterCloseMain.class, List.of("-Xmx256m"));
        assertEquals(0, r.exitCode(), "forked JVM failed or crashed:\n" + r.output());
        assertTrue(r.output().contains("ALL OK"), r.output());
        assertTrue(r.output().lines().filter(l -> l.startsWith("ok ")).count() == 16, r.output());
    }
}
