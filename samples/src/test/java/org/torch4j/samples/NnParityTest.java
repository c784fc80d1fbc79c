package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steps 5–8 (nn, optim, a custom Module, a dynamic graph) against the recordings of real PyTorch
 * 1.13 for seeds 0, 1 and 42 (samples/parity/recordings/step{5,6,7,8}_seed{0,1,42}.txt, made by
 * ci/record-parity.sh), each checked by {@link Samples#parityRule(Sample)}.
 *
 * <h2>Tolerances, from measurement</h2>
 * Worst errors torch4j (LibTorch 2.10) showed against the recordings on this project's machine:
 * <ul>
 *   <li>Step 5 (manual SGD, 2000 iterations), bound 1e-6 relative: 6.0e-7 / 5.8e-7 / 2.0e-7 for
 *       seeds 0 / 1 / 42. Not bit-exact because the input already differs: LibTorch 2.10's
 *       {@code linspace(-pi, pi, 2000)} rounds 476 of the 2000 points one ulp away from 1.13's
 *       (step 3 shows the same, up to 7.4e-7).</li>
 *   <li>Step 7 (SGD in a user Module), bound 1e-6: 2.1e-7 / 5.5e-7 / 3.3e-7.</li>
 *   <li>Step 8 (30,000 iterations of SGD with momentum), bound 1e-4: 6.8e-7 / 7.1e-6 / 9.7e-6.
 *       The sample zeroes gradients in place as PyTorch 1.13's {@code zero_grad()} did; with
 *       set-to-none (2.x's default) e skips its momentum step whenever a pass does not use it and
 *       the first printed loss is already 2.6% off.</li>
 *   <li>Step 6 (RMSprop, lr=1e-3): up to t=899 within 1.2e-6 / 6.4e-7 / 1.5e-6 (bound 1e-4).
 *       After that RMSprop oscillates around the optimum with steps of about lr, and last-bit
 *       differences decide their directions: torch4j's later losses differ up to 11% / 23% / 2.3%
 *       (seed 1's run ends on a loss spike at t=1999), the median of the last five printed losses
 *       by 0.42% / 0.096% / 0.005%, the Result coefficients by 6.4e-4 / 3.3e-3 / 1.0e-3 absolute.
 *       Real PyTorch is as sensitive to itself: samples/parity/step6_sensitivity.py (200 runs per
 *       seed with 1–49 elements of x moved one ulp) measured changes within 2.8e-6 up to t=899,
 *       then up to 11% / 9.1% / 13% per printed loss (from t=1299 for seed 0, from t=999 for
 *       seeds 1 and 42), 4.2% on the final loss, 0.43% on the median of the last five losses,
 *       1.4e-3 on the coefficients, and steady-phase spikes up to 1.20 times the median loss.
 *       java-api's RMSpropFormulaTest shows torch4j's RMSprop update is bit-identical to PyTorch's formula at
 *       every step, so the divergence is not the optimizer's. The issue's first proposal (1e-4 up
 *       to t=1199, final loss within 2%, coefficients within 1e-3) fails for seeds 1 and 42 (6.1%
 *       at t=999; final loss 23%; coefficient 3.3e-3): their oscillating phase starts earlier than
 *       seed 0's. The rule used ({@link OscillatingTailRule}, {@link Samples#parityRule}): 1e-4 up
 *       to t=899; later losses within 30%; median of the last five losses within 2%; Result within
 *       5e-3 absolute (between the measured 3.3e-3 and lr/sqrt(1-alpha) = 1e-2, the largest step
 *       RMSprop can take at once).</li>
 * </ul>
 */
class NnParityTest {

    static Stream<Arguments> stepsAndSeeds() {
        return Stream.of(5, 6, 7, 8).flatMap(step -> Stream.of(0L, 1L, 42L).map(seed -> Arguments.of(step, seed)));
    }

    static List<String> run(Sample s, long seed) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            s.run(new SampleArgs(seed, 0), out);
        }
        return Arrays.stream(buf.toString(StandardCharsets.UTF_8).split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    @ParameterizedTest(name = "step {0}, seed {1}")
    @MethodSource("stepsAndSeeds")
    void matchesTheRecording(int step, long seed) {
        Sample s = Samples.step(step);
        List<String> recorded = Parity.recording(step, seed)
                .orElseThrow(() -> new AssertionError("no recording for step " + step + " seed " + seed));
        List<String> printed = run(s, seed);
        int expectedLines = s.defaultIterations() / (step == 8 ? 2000 : 100) + 1;
        assertEquals(expectedLines, recorded.size(), "the recording has every printed line");
        assertTrue(printed.get(printed.size() - 1).startsWith("Result: y = "), printed.get(printed.size() - 1));
        Parity.Verdict v = Samples.parityRule(s).check(recorded, printed);
        System.out.println("step " + step + " seed " + seed + ": " + v.summary());
        assertTrue(v.pass(), "step " + step + " seed " + seed + ": " + v.summary());
    }
}
