package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.bindings.LibTorch;

/**
 * Where CUDA cannot be used (the CPU build, or the GPU build without a GPU or without its CUDA
 * libraries), every path that reaches CUDA throws one short {@link TorchException} starting
 * "CUDA is not available: " and saying why, instead of LibTorch's 10-15 kB dispatcher message, and
 * leaves nothing allocated behind.
 */
class CudaUnavailableTest {
    private static final Device GPU = Device.cuda(0);

    @BeforeAll
    static void onlyWithoutCuda() {
        Assumptions.assumeFalse(Torch.cudaAvailable(),
                "CUDA is available here: the CUDA-unavailable paths cannot be exercised (CudaTest covers this machine)");
    }

    /** Every public path that can reach a CUDA device, by name. */
    private static Map<String, Supplier<Object>> paths() {
        Map<String, Supplier<Object>> p = new LinkedHashMap<>();
        p.put("Tensor.to(cuda:0)", () -> Torch.zeros(2).to(GPU));
        p.put("Tensor.to(cuda:1)", () -> Torch.zeros(2).to(Device.cuda(1)));
        p.put("Tensor.cuda()", () -> Torch.zeros(2).cuda());
        p.put("Torch.empty(cuda)", () -> Torch.empty(GPU, DType.FLOAT32, 2));
        p.put("Torch.zeros(cuda)", () -> Torch.zeros(GPU, DType.FLOAT32, 2));
        p.put("Torch.ones(cuda)", () -> Torch.ones(GPU, DType.INT64, 2));
        p.put("Torch.full(cuda)", () -> Torch.full(new long[] {2}, 1.5, DType.FLOAT64, GPU));
        p.put("Torch.scalar(cuda)", () -> Torch.scalar(1.5, DType.FLOAT32, GPU));
        p.put("Torch.linspace(cuda)", () -> Torch.linspace(0, 1, 5, DType.FLOAT32, GPU));
        p.put("Torch.arange(long, cuda)", () -> Torch.arange(0, 5, GPU));
        p.put("Torch.arange(double, cuda)", () -> Torch.arange(0.0, 1.0, 0.25, GPU));
        p.put("Torch.randn(cuda)", () -> Torch.randn(GPU, DType.FLOAT32, 2));
        p.put("Torch.rand(cuda)", () -> Torch.rand(GPU, DType.FLOAT32, 2));
        p.put("Torch.tensor(float[], cuda)", () -> Torch.tensor(new float[] {1, 2}, GPU));
        p.put("Torch.tensor(double[], cuda)", () -> Torch.tensor(new double[] {1, 2}, GPU));
        p.put("Torch.tensor(long[], cuda)", () -> Torch.tensor(new long[] {1, 2}, GPU));
        p.put("Torch.setDefaultDevice(cuda)", () -> {
            Torch.setDefaultDevice(GPU);
            return null;
        });
        p.put("Torch.checkAvailable(cuda)", () -> {
            Torch.checkAvailable(GPU);
            return null;
        });
        p.put("Cuda.memoryAllocated", () -> Cuda.memoryAllocated(0));
        p.put("Cuda.maxMemoryAllocated", () -> Cuda.maxMemoryAllocated(0));
        p.put("Cuda.memoryReserved", () -> Cuda.memoryReserved(0));
        p.put("Cuda.resetPeakMemoryStats", () -> {
            Cuda.resetPeakMemoryStats(0);
            return null;
        });
        p.put("Cuda.emptyCache", () -> {
            Cuda.emptyCache();
            return null;
        });
        p.put("Cuda.synchronize", () -> {
            Cuda.synchronize();
            return null;
        });
        return p;
    }

    @TestFactory
    List<DynamicTest> everyPathThrowsOneShortCudaIsNotAvailable() {
        List<DynamicTest> tests = new ArrayList<>();
        String reason = LibTorch.cudaUnavailableReason();
        for (Map.Entry<String, Supplier<Object>> e : paths().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                try (Scope scope = Scope.open()) {
                    Torch.zeros(1); // load LibTorch and warm up before counting
                    long before = Torch.liveTensorCount();
                    TorchException ex = assertThrows(TorchException.class, () -> e.getValue().get());
                    String m = ex.getMessage();
                    assertTrue(m.startsWith("CUDA is not available: "), m);
                    assertTrue(m.contains(reason), "message carries the reason: " + m);
                    assertTrue(m.length() < 1000, "short message (" + m.length() + " chars): " + m);
                    assertFalse(m.contains("Exception raised from") || m.contains("frame #") || m.contains("\n"), m);
                    // the to(...) paths made their source tensor before failing; nothing else may be left
                    long made = e.getKey().startsWith("Tensor.") ? 1 : 0;
                    assertEquals(before + made, Torch.liveTensorCount(), "no tensor left behind");
                }
            }));
        }
        return tests;
    }

    @Test
    void theReasonSaysWhatToDo() {
        String reason = Cuda.unavailableReason();
        assertTrue(reason != null && !reason.isBlank());
        if (LibTorch.isGpuBuild()) {
            assertTrue(reason.contains("CUDA") && (reason.contains("could not be loaded") || reason.contains("driver")), reason);
        } else {
            assertTrue(reason.contains("CPU build") && reason.contains("torch4j-native-cuda"), reason);
        }
    }

    @Test
    void aFailedSetDefaultDeviceLeavesTheDefaultUnchanged() {
        Device before = Torch.defaultDevice();
        assertThrows(TorchException.class, () -> Torch.setDefaultDevice(GPU));
        assertSame(before, Torch.defaultDevice());
    }

    @Test
    void countsAreZero() {
        assertFalse(Torch.cudaAvailable());
        assertFalse(Cuda.isAvailable());
        assertEquals(0, Torch.cudaDeviceCount());
        assertEquals(0, Cuda.deviceCount());
    }

    @Test
    void theCpuPathsStillWork() {
        try (Scope scope = Scope.open()) {
            Torch.setDefaultDevice(Device.CPU);
            assertSame(Device.CPU, Torch.defaultDevice());
            Torch.checkAvailable(Device.CPU);
            assertEquals(Device.CPU, Torch.zeros(Device.CPU, DType.FLOAT32, 2).device());
            assertEquals(Device.CPU, Torch.tensor(new float[] {1, 2}, Device.CPU).device());
            Tensor x = Torch.linspace(0, 1, 3, DType.FLOAT64, Device.CPU);
            assertEquals("tensor([0.0000, 0.5000, 1.0000], dtype=torch.float64)", x.toString()); // PyTorch 1.13 repr
            Tensor y = x.to(Device.CPU);
            assertEquals(Device.CPU, y.cpu().device());
            assertFalse(y.isCuda());
        }
    }
}
