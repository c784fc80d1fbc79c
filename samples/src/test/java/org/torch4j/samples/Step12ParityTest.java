package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.Torch;
import org.torch4j.jit.ScriptModule;

/**
 * Step 12 (step12.py: TorchScript inference with the checked-in, PyTorch-traced CNN) against its
 * recordings from PyTorch 1.13 for every committed seed, within {@link Samples#tolerance(Sample)};
 * the run leaves no script module and no tensor behind.
 */
class Step12ParityTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42})
    void matchesRecordingFromRealPyTorch(long seed) {
        Sample s = Samples.step(12);
        List<String> recorded = Parity.recording(12, seed).orElseThrow(() -> new AssertionError("missing " + Parity.resource(12, seed)));
        assertEquals(1 + 8, recorded.size(), "the probabilities' shape, then 8 images");
        long modules = ScriptModule.liveCount();
        long tensors = Torch.liveTensorCount();
        List<String> actual = Step11ParityTest.run(s, seed, 0);
        Parity.Verdict v = Samples.parityRule(s).check(recorded, actual);
        System.out.println("step 12 seed " + seed + ": " + v.summary());
        assertTrue(v.pass(), v.summary());
        assertEquals(modules, ScriptModule.liveCount(), "the script module is closed");
        assertEquals(tensors, Torch.liveTensorCount(), "every tensor of the run is freed by its scope");
    }
}
