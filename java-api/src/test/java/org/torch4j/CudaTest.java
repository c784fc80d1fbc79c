package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.torch4j.autograd.Grad;

/**
 * Tensors on a CUDA device. Needs the GPU build (mvn -Pcuda), its CUDA libraries and a GPU; elsewhere
 * every test is skipped with the reason CUDA is not available. {@code -Dtorch4j.requireGpu=true}
 * (set by ci/gpu-check.sh) turns that skip into a failure, so a GPU run cannot pass by skipping.
 */
@Tag("gpu")
class CudaTest {
    private static final Device GPU = Device.cuda(0);

    private static boolean told;

    /** Per test (not @BeforeAll), so that every skipped test is counted and carries the reason. */
    @BeforeEach
    void needsCuda() {
        String reason = "CUDA is not available: " + Cuda.unavailableReason();
        if (Boolean.getBoolean("torch4j.requireGpu")) {
            Assertions.assertTrue(Torch.cudaAvailable(), reason + " — and -Dtorch4j.requireGpu=true requires it");
        } else {
            reason += " — GPU test skipped";
            if (!Torch.cudaAvailable() && !told) {
                told = true;
                System.err.println("[gpu] " + reason);
            }
            Assumptions.assumeTrue(Torch.cudaAvailable(), reason);
        }
    }

    @AfterEach
    void resetDefault() {
        Torch.setDefaultDevice(Device.CPU);
    }

    @Test
    void factoriesCreateOnTheDeviceGiven() {
        try (Scope s = Scope.open()) {
            assertEquals(GPU, Torch.zeros(GPU, DType.FLOAT32, 2, 3).device());
            assertEquals(GPU, Torch.ones(GPU, DType.INT64, 4).device());
            assertEquals(GPU, Torch.empty(GPU, DType.FLOAT64, 1).device());
            assertEquals(GPU, Torch.randn(GPU, DType.FLOAT32, 3).device());
            assertEquals(GPU, Torch.rand(GPU, DType.FLOAT32, 3).device());
            assertArrayEquals(new double[] {1.5, 1.5}, Torch.full(new long[] {2}, 1.5, DType.FLOAT64, GPU).toDoubleArray());
            assertArrayEquals(new long[] {2, 3, 4}, Torch.arange(2, 5, GPU).toLongArray());
            assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f}, Torch.arange(0.0, 1.0, 0.25, GPU).toFloatArray());
            assertArrayEquals(Torch.linspace(-3, 3, 7, DType.FLOAT32, Device.CPU).toFloatArray(),
                    Torch.linspace(-3, 3, 7, DType.FLOAT32, GPU).toFloatArray());
            Tensor t = Torch.tensor(new float[] {1, 2, 3, 4}, GPU, 2, 2);
            assertEquals(GPU, t.device());
            assertTrue(t.isCuda());
            assertArrayEquals(new float[] {1, 2, 3, 4}, t.toFloatArray());
            assertArrayEquals(new double[] {0.5, -1}, Torch.tensor(new double[] {0.5, -1}, GPU).toDoubleArray());
            assertArrayEquals(new long[] {7, 8}, Torch.tensor(new long[] {7, 8}, GPU).toLongArray());
            assertEquals(2.5, Torch.scalar(2.5, DType.FLOAT32, GPU).item());
        }
    }

    @Test
    void factoriesHonourTheDefaultDevice() {
        try (Scope s = Scope.open()) {
            Torch.setDefaultDevice(GPU);
            assertEquals(GPU, Torch.defaultDevice());
            assertEquals(GPU, Torch.zeros(3).device());
            assertEquals(GPU, Torch.ones(DType.FLOAT64, 3).device());
            assertEquals(GPU, Torch.randn().device());
            assertEquals(GPU, Torch.linspace(0, 1, 3).device());
            assertEquals(GPU, Torch.arange(4).device());
            assertEquals(GPU, Torch.scalar(1.0).device());
            Tensor t = Torch.tensor(new float[] {1, 2});
            assertEquals(GPU, t.device());
            assertArrayEquals(new float[] {1, 2}, t.toFloatArray());
            // an explicit device still wins
            assertEquals(Device.CPU, Torch.zeros(Device.CPU, DType.FLOAT32, 3).device());
            Torch.setDefaultDevice(Device.CPU);
            assertEquals(Device.CPU, Torch.zeros(3).device());
        }
    }

    @Test
    void toMovesAndBackKeepsValuesAndGradientsFlow() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.tensor(new float[] {1, 2, 3}).requiresGrad(true);
            Tensor y = x.to(GPU);
            assertTrue(y.isCuda());
            assertEquals("ToCopyBackward0", y.gradFn());
            Tensor loss = y.mul(y).sum();
            loss.backward();
            Tensor g = x.grad();
            assertEquals(Device.CPU, g.device());
            assertArrayEquals(new float[] {2, 4, 6}, g.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3}, y.cpu().toFloatArray());
            assertTrue(y.toString().contains("device='cuda:0'"), y.toString());
        }
    }

    @Test
    void seededRandomOnTheDeviceRepeats() {
        try (Scope s = Scope.open()) {
            Torch.manualSeed(0);
            float[] a = Torch.randn(GPU, DType.FLOAT32, 8).toFloatArray();
            Torch.manualSeed(0);
            float[] b = Torch.randn(GPU, DType.FLOAT32, 8).toFloatArray();
            assertArrayEquals(a, b);
        }
    }

    @Test
    void aMissingDeviceIndexIsOneShortError() {
        int n = Torch.cudaDeviceCount();
        TorchException e = assertThrows(TorchException.class, () -> Torch.zeros(Device.cuda(n), DType.FLOAT32, 1));
        assertTrue(e.getMessage().startsWith("CUDA device " + n + " does not exist"), e.getMessage());
    }

    @Test
    void mixingDevicesIsOneShortError() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.ones(GPU, DType.FLOAT32, 3);
            Tensor b = Torch.ones(Device.CPU, DType.FLOAT32, 3).mul(2.0).add(1.0).view(3, 1);
            TorchException e = assertThrows(TorchException.class, () -> a.matmul(b.t()));
            assertTrue(e.getMessage().length() < 600, e.getMessage());
            assertFalse(e.getMessage().contains("frame #"), e.getMessage());
            assertTrue(e.getMessage().contains("cuda:0"), e.getMessage());
        }
    }

    @Test
    void stepTwoMatchesTheCpuRun() {
        // a few hundred iterations of the tutorial's polynomial fit, on both devices
        double[] cpu = fit(Device.CPU);
        double[] gpu = fit(GPU);
        for (int i = 0; i < cpu.length; i++) {
            assertEquals(cpu[i], gpu[i], 1e-4 * Math.max(1, Math.abs(cpu[i])), "coefficient " + i);
        }
    }

    private static double[] fit(Device device) {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000, DType.FLOAT32, device);
            Tensor y = x.sin();
            Torch.manualSeed(0);
            Tensor[] w = new Tensor[4];
            for (int i = 0; i < 4; i++) {
                w[i] = Torch.randn(Device.CPU, DType.FLOAT32).to(device).requiresGrad(true);
            }
            for (int t = 0; t < 300; t++) {
                try (Scope it = Scope.open()) {
                    Tensor yPred = w[0].add(w[1].mul(x)).add(w[2].mul(x.pow(2))).add(w[3].mul(x.pow(3)));
                    yPred.sub(y).pow(2).sum().backward();
                    try (var g = Grad.noGrad()) {
                        for (Tensor p : w) {
                            p.sub_(p.grad().mul(1e-6));
                            p.setGrad(null);
                        }
                    }
                }
            }
            double[] out = new double[4];
            for (int i = 0; i < 4; i++) {
                out[i] = w[i].item();
            }
            return out;
        }
    }

    @Test
    void scopedLoopsReturnDeviceMemoryToItsBaseline() {
        Cuda.synchronize();
        long baseline = Cuda.memoryAllocated(0);
        try (Scope outer = Scope.open()) {
            Tensor w = Torch.randn(GPU, DType.FLOAT32, 256, 256);
            long withW = Cuda.memoryAllocated(0);
            assertTrue(withW - baseline >= 256 * 256 * 4, "a 256x256 float tensor shows in the allocator: " + (withW - baseline));
            for (int i = 0; i < 2000; i++) {
                try (Scope it = Scope.open()) {
                    w.matmul(w).relu().sum().item();
                }
            }
            Cuda.synchronize();
            assertEquals(withW, Cuda.memoryAllocated(0), "every per-iteration tensor was freed");
            assertTrue(Cuda.maxMemoryAllocated(0) >= withW);
            assertTrue(Cuda.memoryReserved(0) >= Cuda.memoryAllocated(0));
        }
        Cuda.synchronize();
        assertEquals(baseline, Cuda.memoryAllocated(0), "closing the scope freed the device memory");
        Cuda.emptyCache();
    }

    @Test
    void unscopedTensorsAreFreedByClose() {
        Cuda.synchronize();
        long baseline = Cuda.memoryAllocated(0);
        Tensor t = Torch.zeros(GPU, DType.FLOAT32, 1 << 20);
        assertTrue(Cuda.memoryAllocated(0) >= baseline + (4L << 20));
        t.close();
        assertEquals(baseline, Cuda.memoryAllocated(0));
    }
}
