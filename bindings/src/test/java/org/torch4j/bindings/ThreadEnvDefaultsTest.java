package org.torch4j.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The default thread policy is in force in a fresh JVM: torch4j puts {@code OMP_WAIT_POLICY=PASSIVE}
 * and {@code OPENBLAS_THREAD_TIMEOUT=4} into the native environment before libgomp and OpenBLAS load,
 * libgomp itself reports them (its {@code OMP_DISPLAY_ENV} listing), OpenBLAS's worker sleeps right after
 * a matmul instead of spinning (its thread state in /proc), OpenBLAS's pool starts with one thread;
 * a value the user set wins; the opt-out property leaves the
 * libraries at their own (spinning) defaults.
 */
class ThreadEnvDefaultsTest {
    private static final String[] MANAGED = {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT",
        "GOTO_THREAD_TIMEOUT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS"};

    private static String run(Map<String, String> env, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ThreadEnvMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : MANAGED) {
            pb.environment().remove(v);
        }
        pb.environment().put("OMP_DISPLAY_ENV", "VERBOSE"); // libgomp prints the settings it read at load
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child hung");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String value(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(out);
        assertTrue(m.find(), key + " missing in:\n" + out);
        return m.group(1).trim();
    }

    /** libgomp's own listing, e.g. {@code OMP_WAIT_POLICY = 'PASSIVE'}. */
    private static String gomp(String out, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + " = '([^']*)'").matcher(out);
        assertTrue(m.find(), "libgomp did not list " + key + ":\n" + out);
        return m.group(1);
    }

    @Test
    void defaultsReachLibgompAndOpenBlasAndSizeBothPools() throws Exception {
        String out = run(Map.of());
        assertEquals("PASSIVE", gomp(out, "OMP_WAIT_POLICY"), out);
        assertEquals("0", gomp(out, "GOMP_SPINCOUNT"), "libgomp's workers must not spin:\n" + out);
        assertEquals("PASSIVE", value(out, "native OMP_WAIT_POLICY"));
        assertEquals("4", value(out, "native OPENBLAS_THREAD_TIMEOUT"));
        assertEquals("null", value(out, "java OMP_WAIT_POLICY"), "Java's environment snapshot is not changed");
        assertEquals("{OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4}", value(out, "envDefaults"));
        assertTrue(Integer.parseInt(value(out, "intraOp")) >= 1, out);
        assertEquals("1", value(out, "blas"), "OpenBLAS's pool starts with one thread");
        // OpenBLAS read OPENBLAS_THREAD_TIMEOUT: right after each matmul its worker already sleeps
        int runnable = Integer.parseInt(value(out, "openblasRunnableSamples"));
        assertTrue(runnable <= Integer.parseInt(value(out, "openblasSamples")) / 6,
                "OpenBLAS's worker was runnable (spinning) in " + runnable + " samples:\n" + out);
    }

    @Test
    void aValueTheUserSetWins() throws Exception {
        String out = run(Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "12"));
        assertEquals("ACTIVE", gomp(out, "OMP_WAIT_POLICY"), out);
        assertEquals("12", value(out, "native OPENBLAS_THREAD_TIMEOUT"));
        assertTrue(value(out, "envDefaults").contains("OMP_WAIT_POLICY=left to the user (OMP_WAIT_POLICY=ACTIVE)"), out);
        // a GOMP_SPINCOUNT of the user's is a wait-policy choice too: torch4j adds no OMP_WAIT_POLICY
        out = run(Map.of("GOMP_SPINCOUNT", "5000"));
        assertEquals("5000", gomp(out, "GOMP_SPINCOUNT"), out);
        assertEquals("null", value(out, "native OMP_WAIT_POLICY"));
        assertEquals("4", value(out, "native OPENBLAS_THREAD_TIMEOUT"));
    }

    @Test
    void theOptOutPropertyLeavesTheLibrariesDefaults() throws Exception {
        String out = run(Map.of(), "-D" + Threads.ENV_DEFAULTS_PROPERTY + "=false");
        assertEquals("300000", gomp(out, "GOMP_SPINCOUNT"), "libgomp's own default spin count:\n" + out);
        assertEquals("null", value(out, "native OMP_WAIT_POLICY"));
        assertEquals("null", value(out, "native OPENBLAS_THREAD_TIMEOUT"));
        // ...and OpenBLAS's worker spins after each call: the probe the default test relies on can see it
        int runnable = Integer.parseInt(value(out, "openblasRunnableSamples"));
        int samples = Integer.parseInt(value(out, "openblasSamples"));
        assertTrue(runnable >= samples / 3, "with its own default OpenBLAS's worker should spin after a call; runnable in "
                + runnable + " of " + samples + " samples:\n" + out);
    }
}
