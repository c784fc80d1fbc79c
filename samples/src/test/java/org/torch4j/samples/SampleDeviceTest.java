package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.torch4j.Device;

/** The samples' device option and the tolerances of GPU runs against the CPU recordings. */
class SampleDeviceTest {

    @Test
    void argsDefaultToTheCpu() {
        assertSame(Device.CPU, SampleArgs.defaults().device());
        assertSame(Device.CPU, new SampleArgs(42, 10).device());
        assertEquals(Device.cuda(1), new SampleArgs(0, 0, Device.of("cuda:1")).device());
        assertThrows(NullPointerException.class, () -> new SampleArgs(0, 0, null));
    }

    @Test
    void samplesWithDropoutGetNoVerdictOnCudaButDoOnTheCpu() {
        java.util.List<String> lines = java.util.List.of("epoch 1");
        assertTrue(Runner.verdict(Samples.step(9), new SampleArgs(0, 0, Device.cuda(0)), lines).startsWith("SKIPPED (its dropout masks"));
        assertTrue(Runner.verdict(Samples.step(10), new SampleArgs(0, 0, Device.cuda(0)), lines).startsWith("SKIPPED (its dropout masks"));
        assertTrue(Runner.verdict(Samples.step(9), new SampleArgs(0, 0), lines).startsWith("FAIL"), "a CPU run is compared");
        assertFalse(Samples.step(5).drawsOnDevice());
    }

    @Test
    void gpuRunsGetAStatedLooserToleranceExceptThePureJavaStep() {
        Sample step1 = Samples.step(1);
        Sample step2 = Samples.step(2);
        Sample step3 = Samples.step(3);
        assertEquals(Samples.tolerance(step1), Samples.tolerance(step1, Device.CPU));
        assertEquals(Samples.tolerance(step2), Samples.tolerance(step2, Device.CPU));
        assertEquals(1e-9, Samples.tolerance(step1, Device.cuda(0)));
        assertEquals(1e-4, Samples.tolerance(step2, Device.cuda(0)));
        assertEquals(1e-4, Samples.tolerance(step3, Device.cuda(0)));
    }
}
