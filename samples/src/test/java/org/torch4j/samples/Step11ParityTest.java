package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Step 11 (step11.py: a one-layer LSTM sequence classifier) against its recordings from
 * PyTorch 1.13 for every committed seed, within {@link Samples#tolerance(Sample)}; and
 * {@link LossPlot} draws its train and validation losses from the printed epoch lines.
 */
class Step11ParityTest {
    static List<String> run(Sample s, long seed, int epochs) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            s.run(new SampleArgs(seed, epochs), out);
        }
        return List.of(buf.toString(StandardCharsets.UTF_8).split("\\R"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42})
    void matchesRecordingFromRealPyTorch(long seed) {
        Sample s = Samples.step(11);
        List<String> recorded = Parity.recording(11, seed).orElseThrow(() -> new AssertionError("missing " + Parity.resource(11, seed)));
        assertEquals(4 + 12 + 4, recorded.size(), "the model's repr (4 lines), 12 epochs, 4 test sequences");
        Parity.Verdict v = Samples.parityRule(s).check(recorded, run(s, seed, 0));
        System.out.println("step 11 seed " + seed + ": " + v.summary());
        assertTrue(v.pass(), v.summary());
    }

    @Test
    void plotDrawsTrainAndValidationLoss(@TempDir Path dir) throws Exception {
        List<String> lines = run(Samples.step(11), 0, 2);
        assertEquals(List.of("train_loss", "val_loss"), List.copyOf(LossPlot.series(lines).keySet()));
        assertEquals(2, LossPlot.series(lines).get("train_loss")[0].length, "one point per epoch");
        Path png = LossPlot.write(Samples.step(11), 0, lines, dir).orElseThrow();
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(head, StandardCharsets.ISO_8859_1));
    }
}
