package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Step 4 (a custom autograd Function) against the outputs recorded from real PyTorch 1.13, run
 * through the samples runner in a forked JVM (a native crash fails the test instead of killing the
 * test run).
 *
 * <p>Tolerance: {@link Samples#tolerance} (1e-5 relative) for every number, with the floor of
 * {@link Samples#relativeFloor} for {@code a} and {@code c}, which are exact zeros blurred by
 * rounding. Measured: losses within 2.2e-7, {@code b} and {@code d} bit-identical to the recording,
 * {@code a} and {@code c} within 5.5e-9 absolutely.
 */
class Step4ParityTest {
    private static final Sample STEP4 = new Step4CustomFunction();

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42})
    void matchesTheRecordingThroughTheRunner(long seed) throws Exception {
        Forked run = Forked.java(Runner.class.getName(), "--step", "4", "--seed", Long.toString(seed));
        assertEquals(0, run.exitCode(), run.output());
        List<String> printed = new ArrayList<>();
        for (String line : run.output().split("\\R")) {
            if (!line.isBlank() && !line.startsWith("==") && !line.startsWith("step ")) {
                printed.add(line.strip());
            }
        }
        List<String> recorded = Parity.recording(4, seed).orElseThrow();
        assertEquals(21, recorded.size());
        Parity.Verdict v = Parity.compare(recorded, printed, Samples.tolerance(STEP4), Samples.relativeFloor(STEP4));
        assertTrue(v.pass(), v.summary(Samples.tolerance(STEP4)));
        assertTrue(run.output().contains("step 4 parity: PASS"), run.output());

        // b and d are not noise: they must match to the tolerance relative to themselves
        double[] got = result(printed.get(20));
        double[] want = result(recorded.get(20));
        for (int i : new int[] {1, 3}) {
            assertTrue(Parity.relativeError(got[i], want[i]) <= 1e-6, "coefficient " + i + ": " + got[i] + " vs " + want[i]);
        }
        // a and c: exact zeros up to rounding noise
        for (int i : new int[] {0, 2}) {
            assertTrue(Math.abs(got[i]) < 1e-7 && Math.abs(got[i] - want[i]) < 1e-7, "coefficient " + i + ": " + got[i]);
        }
    }

    /** The comparator catches a wrong coefficient, also one glued to "P3(". */
    @Test
    void theComparatorWouldCatchAWrongCoefficient() {
        List<String> recorded = Parity.recording(4, 0).orElseThrow();
        double tol = Samples.tolerance(STEP4);
        double floor = Samples.relativeFloor(STEP4);
        assertTrue(Parity.compare(recorded, recorded, tol, floor).pass());
        List<String> wrongC = new ArrayList<>(recorded);
        wrongC.set(20, "Result: y = -6.2158362901243436e-09 + -2.208526849746704 * P3(1.3e-06 + 0.2554861009120941 x)");
        Parity.Verdict v = Parity.compare(recorded, wrongC, tol, floor);
        assertFalse(v.pass(), v.summary(tol));
        List<String> wrongLoss = new ArrayList<>(recorded);
        wrongLoss.set(19, "1999 8.9446");  // 1.1e-4 relative
        assertFalse(Parity.compare(recorded, wrongLoss, tol, floor).pass());
        List<String> wrongWord = new ArrayList<>(recorded);
        wrongWord.set(20, recorded.get(20).replace("P3(", "P4("));
        assertFalse(Parity.compare(recorded, wrongWord, tol, floor).pass());
    }

    /** a, b, c, d from "Result: y = a + b * P3(c + d x)". */
    private static double[] result(String line) {
        String[] w = line.split("\\s+");
        return new double[] {
            Double.parseDouble(w[3]), Double.parseDouble(w[5]),
            Double.parseDouble(w[7].substring("P3(".length())), Double.parseDouble(w[9])};
    }

    /** A JVM started with this test's classpath. */
    record Forked(int exitCode, String output) {
        static Forked java(String mainClass, String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(mainClass);
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("forked JVM timed out");
            }
            return new Forked(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        }
    }
}
