package org.torch4j.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class NativeErrorsTest {
    @Test
    void firstLineDropsTheC10TrailerAndFrames() {
        RuntimeException e = new RuntimeException("The size of tensor a (3) must match the size of tensor b (4)\n"
                + "Exception raised from infer_size_impl at /pytorch/aten/src/ATen/ExpandUtils.cpp:31 (most recent call first):\n"
                + "frame #0: c10::Error::Error(...)\nframe #1: ...");
        assertEquals("The size of tensor a (3) must match the size of tensor b (4)", NativeErrors.firstLine(e));
        assertEquals("RuntimeException", NativeErrors.firstLine(new RuntimeException("")));
    }

    @Test
    void installedFetcherMakesNativeErrorsShort() {
        LibTorch.ensureLoaded();
        try (Tensor a = torch.ones(3); Tensor b = torch.ones(4)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> a.add(b));
            assertFalse(e.getMessage().contains("frame #"), e.getMessage());
            assertTrue(e.getMessage().length() < 1000, "message length " + e.getMessage().length());
            assertTrue(NativeErrors.firstLine(e).startsWith("The size of tensor a (3) must match"), NativeErrors.firstLine(e));
        }
    }

    @Test
    void scalarsAreCachedAndCorrect() {
        LibTorch.ensureLoaded();
        assertTrue(Scalars.of(2.5) == Scalars.of(2.5));
        assertEquals(2.5, Scalars.of(2.5).toDouble());
        assertEquals(3, Scalars.of(3L).toLong());
        assertTrue(Scalars.of(3L).isIntegral(false));
        assertTrue(Scalars.of(3.0).isFloatingPoint());
    }

    @Test
    void infoReportsVersionsAndLocation() {
        String info = LibTorch.info();
        assertTrue(info.contains("2.10.0"), info);
        assertTrue(info.contains("1.5.13"), info);
        assertTrue(info.contains("CUDA available"), info);
        assertTrue(info.contains(LibTorch.loadedFrom()), info);
    }
}
