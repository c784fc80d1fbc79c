package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.Torch;

/**
 * The samples beyond the tutorial (9: MLP classifier on gaussian blobs, 10: small CNN) against the
 * recordings of real PyTorch 1.13 (samples/parity/step{9,10}_seed{0,1,42}.txt, made by
 * {@code ci/record-parity.sh samples}), and the runner's loss plot. Worst errors measured on this
 * project's machine: step 9 1.1e-7 / 1.2e-7 / 4.0e-7, step 10 2.1e-6 / 2.9e-6 / 1.2e-5 (seeds 0 / 1 / 42);
 * bound {@link Samples#tolerance(Sample)} = 1e-4; the accuracy counts match exactly.
 */
class BeyondTutorialParityTest {

    static Stream<Arguments> stepsAndSeeds() {
        return Stream.of(9, 10).flatMap(step -> Stream.of(0L, 1L, 42L).map(seed -> Arguments.of(step, seed)));
    }

    @ParameterizedTest(name = "step {0}, seed {1}")
    @MethodSource("stepsAndSeeds")
    void matchesTheRecording(int step, long seed) {
        Sample s = Samples.step(step);
        List<String> recorded = Parity.recording(step, seed)
                .orElseThrow(() -> new AssertionError("no recording for step " + step + " seed " + seed));
        long live = Torch.liveTensorCount();
        List<String> printed = NnParityTest.run(s, seed);
        assertEquals(live, Torch.liveTensorCount(), "the sample frees every tensor it made");
        assertEquals(s.defaultIterations() + (step == 9 ? 2 : 1), recorded.size(), "one line per epoch, then the summary lines");
        Parity.Verdict v = Samples.parityRule(s).check(recorded, printed);
        System.out.println("step " + step + " seed " + seed + ": " + v.summary());
        assertTrue(v.pass(), "step " + step + " seed " + seed + ": " + v.summary());
    }

    @Test
    void reloadedModelPredictsAsTheTrainedOne() {
        List<String> printed = NnParityTest.run(new Step9MlpClassifier(), 1);
        String last = printed.get(printed.size() - 1);
        String finalEpoch = printed.get(printed.size() - 3);
        assertTrue(last.startsWith("reloaded test_loss "), last);
        // the same test loss and accuracy words as the last epoch's
        assertEquals(finalEpoch.substring(finalEpoch.indexOf("test_loss")), last.substring(last.indexOf("test_loss")));
        assertEquals("state_dict 0.weight[32,2] 0.bias[32] 3.weight[3,32] 3.bias[3]", printed.get(printed.size() - 2));
    }

    @Test
    void lossPlotReadsTheEpochLinesAndWritesAPng(@TempDir Path dir) throws Exception {
        List<String> lines = List.of("epoch 1 lr 0.02 train_loss 0.5 train_acc 1/2 test_loss 0.25 test_acc 1/2",
                "epoch 2 lr 0.02 train_loss 0.375 train_acc 2/2 test_loss 0.125 test_acc 2/2", "reloaded test_loss 0.125 test_acc 2/2");
        Map<String, double[][]> series = LossPlot.series(lines);
        assertEquals(List.of("train_loss", "test_loss"), List.copyOf(series.keySet()));
        assertEquals(List.of(1.0, 2.0), List.of(series.get("train_loss")[0][0], series.get("train_loss")[0][1]));
        assertEquals(List.of(0.25, 0.125), List.of(series.get("test_loss")[1][0], series.get("test_loss")[1][1]));
        assertEquals(List.of("loss"), List.copyOf(LossPlot.series(List.of("99 12.5", "199 3.25", "Result: y = 1 x")).keySet()));

        Path png = LossPlot.write(new Step9MlpClassifier(), 0, lines, dir).orElseThrow();
        assertEquals(dir.resolve("step9_seed0_loss.png"), png);
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', "a PNG file");
        assertTrue(LossPlot.write(new Step9MlpClassifier(), 0, List.of("no numbers here"), dir).isEmpty());
    }
}
