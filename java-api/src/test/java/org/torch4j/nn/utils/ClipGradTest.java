package org.torch4j.nn.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Recordings;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * clipGradNorm_ / clipGradValue_ against samples/parity/recordings/clip_grad_cases.txt (real
 * PyTorch 1.13, samples/parity/clip_grad_cases.py): the returned total norm and every clipped
 * gradient value must be the recorded float32 exactly (same op sequence as 1.13's Python code).
 */
class ClipGradTest {
    static final float[] A = {0.3f, -1.2f, 2.5f};
    static final float[] B = {0.1f, -0.7f, 4.0f, 0.05f};

    static Tensor clip(String name, List<Tensor> ps) {
        return switch (name) {
            case "norm2_clipped" -> ClipGrad.clipGradNorm_(ps, 1.0);
            case "norm2_unclipped" -> ClipGrad.clipGradNorm_(ps, 100.0);
            case "norm1" -> ClipGrad.clipGradNorm_(ps, 2.0, 1);
            case "norm3" -> ClipGrad.clipGradNorm_(ps, 2.0, 3);
            case "norm_half" -> ClipGrad.clipGradNorm_(ps, 2.0, 0.5);
            case "norm_inf" -> ClipGrad.clipGradNorm_(ps, 0.25, Double.POSITIVE_INFINITY);
            case "value" -> {
                ClipGrad.clipGradValue_(ps, 0.5);
                yield null;
            }
            default -> throw new AssertionError("no Java counterpart for recorded case " + name);
        };
    }

    @Test
    void everyRecordedCaseIsReproducedExactly() {
        List<String[]> rows = Recordings.rows("clip_grad_cases.txt");
        assertEquals(7, rows.size());
        for (String[] f : rows) {
            try (Scope s = Scope.open()) {
                Tensor a = Torch.zeros(3).requiresGrad(true);
                Tensor b = Torch.zeros(2, 2).requiresGrad(true);
                a.setGrad(Torch.tensor(A));
                b.setGrad(Torch.tensor(B, 2, 2));
                Tensor total = clip(f[0], List.of(a, b));
                double expectedTotal = Recordings.number(f[1]);
                if (Double.isNaN(expectedTotal)) {
                    assertNull(total);
                } else {
                    assertEquals((float) expectedTotal, total.itemFloat(), f[0] + " total norm");
                }
                float[] got = new float[7];
                System.arraycopy(a.grad().toFloatArray(), 0, got, 0, 3);
                System.arraycopy(b.grad().toFloatArray(), 0, got, 3, 4);
                for (int i = 0; i < 7; i++) {
                    assertEquals((float) Double.parseDouble(f[2 + i]), got[i], f[0] + " grad value " + i);
                }
            }
        }
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.zeros(3).requiresGrad(true);
            assertEquals(0f, ClipGrad.clipGradNorm_(List.of(a), 1.0).itemFloat(), "torch.tensor(0.) when no grads");
            Tensor b = Torch.zeros(3).requiresGrad(true);
            b.setGrad(Torch.tensor(new float[] {3, 4, 0}));
            assertEquals(5f, ClipGrad.clipGradNorm_(List.of(a, b), 10.0).itemFloat());
            assertNull(a.grad());
        }
    }

    @Test
    void nonFiniteNormIsAnErrorWhenAsked() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.zeros(2).requiresGrad(true);
            a.setGrad(Torch.tensor(new float[] {Float.NaN, 1}));
            TorchException e = assertThrows(TorchException.class, () -> ClipGrad.clipGradNorm_(List.of(a), 1.0, 2.0, true));
            assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
            assertTrue(Double.isNaN(ClipGrad.clipGradNorm_(List.of(a), 1.0).itemDouble()));
        }
    }
}
