package org.torch4j.nn;

import org.torch4j.ForkedJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Use after close and the raw API's crash scenarios, run in a forked JVM: a JVM crash there fails
 * this test (non-zero exit code) instead of killing surefire.
 */
class ModuleCloseForkedTest {
    @Test
    void misuseGivesJavaExceptionsNotCrashes() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(CloseThenUseMain.class);
        String out = r.output();
        assertFalse(out.contains("FAIL "), out);
        for (String name : new String[] {"weight after close", "sequential after close", "optimizer outlives its module",
            "optimizer after close", "parameter closed by the user", "many registrations keep earlier parameters valid",
            "dropped modules are freed by the safety net"}) {
            assertTrue(out.contains("PASS " + name + "\n"), "missing PASS " + name + " in:\n" + out);
        }
        assertTrue(out.contains("DONE\n"), out);
        assertEquals(0, r.exitCode(), out);
    }

    /** The harness itself: a child that really crashes must come back as a failure, not a hang or a pass. */
    @Test
    void aNativeCrashInTheChildIsReported() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(SegfaultMain.class);
        assertTrue(r.exitCode() != 0, "exit code " + r.exitCode() + ":\n" + r.output());
        assertFalse(r.output().contains("survived"), r.output());
        assertTrue(r.output().contains("SIGSEGV"), r.output());
        // remove the crash report the child wrote to the temp directory
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\S*torch4j-hs_err_\\d+\\.log)").matcher(r.output());
        while (m.find()) {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(m.group(1)));
        }
    }

    /** Writes to address 16: a guaranteed SIGSEGV. */
    public static final class SegfaultMain {
        public static void main(String[] args) throws Exception {
            java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            unsafe.getClass().getMethod("putByte", long.class, byte.class).invoke(unsafe, 16L, (byte) 1);
            System.out.println("survived");
        }
    }
}
