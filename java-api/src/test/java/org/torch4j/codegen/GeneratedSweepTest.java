package org.torch4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * Every generated method, called once with mostly ill-fitting arguments, returns or throws
 * TorchException / IllegalArgumentException: no JVM crash, no NullPointerException or other Java
 * failure from the generated plumbing (leases, optionals, lists, tuples).
 */
class GeneratedSweepTest {
    @Test
    void everyGeneratedMethodReturnsOrThrowsTorchException() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(GeneratedSweepMain.class);
        String out = r.output();
        String last = out.lines().filter(l -> l.startsWith("CALL ")).reduce((a, b) -> b).orElse("none");
        assertEquals(0, r.exitCode(), "the forked JVM died; last call: " + last);
        Map<String, Long> done = r.values("DONE");
        assertTrue(done.get("called") > 2500, "called " + done.get("called") + " methods");
        assertEquals(0L, done.get("other"), out.lines().filter(l -> l.startsWith("JAVA ")).toList().toString());
        assertTrue(done.get("ok") > 1000, "only " + done.get("ok") + " calls succeeded");
    }
}
