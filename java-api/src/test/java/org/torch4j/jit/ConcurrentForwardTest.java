package org.torch4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * The serving contract: 4 threads × 10,000 forwards of the traced CNN on one loaded
 * {@link ScriptModule}, in a fresh fixed-heap JVM ({@link ConcurrentForwardMain}): every output
 * equals the single-thread output bit for bit, the live-tensor count is back to its value after
 * the warm-up and RSS grows by less than 30 MB. {@code -Dtorch4j.jitForwards=N} runs N per
 * thread instead (CI on a slow machine); the documented command runs the full 10,000:
 * {@code mvn -pl java-api -am verify -Dtest=ConcurrentForwardTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConcurrentForwardTest {
    @Test
    void fourThreadsShareOneModule() throws Exception {
        int n = Integer.getInteger("torch4j.jitForwards", 10_000);
        ForkedJvm.Result r = ForkedJvm.run(ConcurrentForwardMain.class, List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"),
                JitModels.dir().toString(), Integer.toString(n), "4");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> v = r.values("jit ");
        System.out.println("concurrent forwards (4 threads x " + n + "): " + v);
        assertEquals(4L * n + 4L * Math.max(1, n / 10), v.get("forwards"));
        assertEquals(0L, v.get("mismatches"), "every output equals the single-thread output");
        assertEquals(v.get("liveAfterWarmup"), v.get("liveEnd"), "live tensors back to the warm-up count");
        double growthMb = (v.get("rssEndKb") - v.get("rssAfterWarmupKb")) / 1024.0;
        assertTrue(growthMb < 30, "RSS grew " + growthMb + " MB over " + 4L * n + " forwards");
    }
}
