package org.torch4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * {@code Torch.vander} on an input that records history (internal.Composites): LibTorch's own
 * composite builds a graph that is a reference cycle and whose backward always fails (PyTorch 1.13:
 * the same); torch4j's gives LibTorch's values bit for bit, a gradient, and frees its graph.
 */
class VanderGradTest {
    private static final double[] X = {0.5, -1.25, 2.0, 0.0, 3.5};

    @Test
    void valuesAreLibTorchsBitForBit() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (Long n : new Long[] {null, 0L, 1L, 2L, 4L, 7L}) {
                for (boolean inc : new boolean[] {false, true}) {
                    try (Scope s = Scope.open()) {
                        Tensor x = Torch.tensor(X, dt);
                        Tensor want = Torch.vander(x, n, inc);
                        Tensor got = Torch.vander(x.requiresGrad(true).mul(1.0), n, inc);
                        assertArrayEquals(want.shape(), got.shape(), dt + " N=" + n);
                        assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), 0.0, dt + " N=" + n + " increasing=" + inc);
                        assertEquals(want.dtype(), got.dtype());
                        assertEquals(n == null || n > 1, got.requiresGrad(), "N=" + n);
                    }
                }
            }
        }
    }

    @Test
    void backPropagatesTheAnalyticGradient() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.tensor(X).requiresGrad(true);
            Torch.vander(x, 4L, false).sum().backward();
            double[] g = x.grad().toDoubleArray();
            for (int i = 0; i < X.length; i++) {
                double v = X[i];
                assertEquals(1 + 2 * v + 3 * v * v, g[i], 1e-5, "d/dx (1 + x + x^2 + x^3) at " + v);
            }
        }
    }

    @Test
    void aGraphThroughAFunctionIsFreed() throws Exception {
        long c0 = Function.liveContexts();
        long t0 = Torch.liveTensorCount();
        for (int i = 0; i < 200; i++) {
            try (Scope s = Scope.open()) {
                Tensor x = Torch.randn(3).requiresGrad(true);
                Tensor y = new CycleLeakMain.Square().apply(x);
                Torch.vander(y, 4L);
                if (i % 2 == 0) {
                    Torch.vander(y).sum().backward();
                }
            }
        }
        for (int i = 0; i < 10 && Function.liveContexts() > c0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(c0, Function.liveContexts(), "every application's context is released");
        assertEquals(t0, Torch.liveTensorCount());
    }

    @Test
    void badArgumentsFailAsLibTorchsDo() {
        try (Scope s = Scope.open()) {
            Tensor m = Torch.randn(2, 2).requiresGrad(true);
            TorchException e = assertThrows(TorchException.class, () -> Torch.vander(m));
            assertTrue(e.getMessage().contains("vander"), e.getMessage());
            Tensor x = Torch.randn(3).requiresGrad(true);
            TorchException neg = assertThrows(TorchException.class, () -> Torch.vander(x, -1L, false));
            assertFalse(neg.getMessage().contains("frame #"), neg.getMessage());
        }
    }
}
