package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's crash and lifetime defects, each reproduced in a fresh JVM by {@link ReliabilityMain}
 * (a crash shows as a non-zero exit code here instead of killing the test run).
 */
class ForkedRegressionTest {
    /**
     * Defect 1: {@code Torch.randn(2).dtype().itemSize()} on dropped temporaries at -Xmx64m with a
     * tiny safety-net threshold (the Cleaner runs constantly): died 3/3 with SIGSEGV before leases.
     */
    @Test
    void cleanerNeverFreesATensorInUse() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(ReliabilityMain.class, List.of("-Xmx64m", "-Dtorch4j.gcThresholdBytes=100000"),
                "cleaner", "100000");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> v = r.values("RESULT");
        assertEquals(v.get("expected"), v.get("sum"), r.output());
        assertTrue(v.get("collections") > 10, "the safety net must actually have run: " + r.output());
    }

    /** Defect 2: close() on another thread while {@code t.mul(2.0).sum()} runs: completes or IllegalStateException. */
    @Test
    void closingATensorOnAnotherThreadWhileInUse() throws Exception {
        checkCloseRace("close-tensor");
    }

    /** Defect 2: the tensor's Scope closed on its own thread while another thread uses the tensor. */
    @Test
    void closingItsScopeWhileAnotherThreadUsesTheTensor() throws Exception {
        checkCloseRace("close-scope");
    }

    private static void checkCloseRace(String which) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(ReliabilityMain.class, which, "60");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> v = r.values("RESULT");
        assertEquals(60L, v.get("refused"), "every round ends with the user seeing IllegalStateException: " + r.output());
        assertTrue(v.get("completed") > 0, r.output());
        assertEquals(0L, v.get("live"), "every tensor freed exactly once: " + r.output());
    }

    /** Defect 5: an interrupt pending at the first torch4j call (cold native cache) used to break torch4j for good. */
    @Test
    void interruptAtTheFirstCallOnAColdCache() throws Exception {
        Path cache = Files.createTempDirectory("torch4j-cold-cache");
        try {
            ForkedJvm.Result r = ForkedJvm.run(ReliabilityMain.class,
                    List.of("-Dorg.bytedeco.javacpp.cachedir=" + cache), "interrupt");
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(2L, r.values("RESULT").get("ok"), r.output());
            assertEquals(1L, r.values("RESULT").get("flagKept"), "the caller's interrupt stays set: " + r.output());
        } finally {
            deleteTree(cache);
        }
    }

    /** Defect 5: another thread interrupting the loading thread every 50 µs. */
    @Test
    void interruptStormDuringTheFirstCall() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(ReliabilityMain.class, "interrupt-storm");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(2L, r.values("RESULT").get("ok"), r.output());
    }

    /** Defect 11d: grad() of a non-leaf warns once per process, as PyTorch's warning filter does (it printed every call). */
    @Test
    void nonLeafGradWarnsOnce() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(ReliabilityMain.class, "grad-warning");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(5L, r.values("RESULT").get("calls"), r.output());
        int count = r.output().split("The .grad attribute of a Tensor that is not a leaf Tensor", -1).length - 1;
        assertEquals(1, count, r.output());
        assertTrue(r.output().contains("UserWarning: The .grad attribute"), r.output());
    }

    /** Defect 11a: a thread that dies with a Scope open no longer leaks that scope's tensors. */
    @Test
    void scopeLeftOpenByADeadThreadIsFreed() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(ReliabilityMain.class, "dead-thread-scope");
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> v = r.values("RESULT");
        assertEquals(100L, v.get("leftAtDeath"), r.output());
        assertEquals(0L, v.get("leftAfterGc"), r.output());
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
