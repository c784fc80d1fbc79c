package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/** {@link MSELoss}, {@link Functional#mseLoss} and {@link Flatten} against real PyTorch 1.13. */
class LossTest {
    /*
     * /usr/bin/python3: a = torch.tensor([1.5, -2.0, 0.25, 3.0]); b = torch.tensor([0.5, 1.0, -1.0, 2.5])
     * for r in ['sum', 'mean', 'none']: print(r, torch.nn.MSELoss(reduction=r)(a, b).flatten().tolist())
     *   sum [11.8125]  mean [2.953125]  none [1.0, 9.0, 1.5625, 0.25]
     */
    @Test
    void reductionsMatchPyTorch() {
        try (Scope s = Scope.open(); MSELoss sum = new MSELoss(Reduction.SUM); MSELoss mean = new MSELoss();
                MSELoss none = new MSELoss(Reduction.NONE)) {
            Tensor a = Torch.tensor(new float[] {1.5f, -2.0f, 0.25f, 3.0f});
            Tensor b = Torch.tensor(new float[] {0.5f, 1.0f, -1.0f, 2.5f});
            assertEquals(11.8125f, sum.forward(a, b).itemFloat());
            assertEquals(0, sum.forward(a, b).dim());
            assertEquals(2.953125f, mean.forward(a, b).itemFloat());
            assertEquals(Reduction.MEAN, mean.reduction());
            assertArrayEquals(new float[] {1.0f, 9.0f, 1.5625f, 0.25f}, none.forward(a, b).toFloatArray());
            assertEquals(11.8125f, Functional.mseLoss(a, b, Reduction.SUM).itemFloat());
            assertEquals(2.953125f, Functional.mseLoss(a, b).itemFloat());
        }
    }

    @Test
    void gradientFlowsThroughTheLoss() {
        try (Scope s = Scope.open(); MSELoss sum = new MSELoss(Reduction.SUM)) {
            Tensor a = Torch.tensor(new float[] {1.5f, -2.0f}).requiresGrad(true);
            Tensor b = Torch.tensor(new float[] {0.5f, 1.0f});
            sum.forward(a, b).backward();
            // d/da sum((a-b)^2) = 2(a-b)
            assertArrayEquals(new float[] {2.0f, -6.0f}, a.grad().toFloatArray());
        }
    }

    @Test
    void parsesPyTorchNames() {
        assertEquals(Reduction.SUM, Reduction.of("sum"));
        assertEquals("none", Reduction.NONE.toString());
        assertThrows(IllegalArgumentException.class, () -> Reduction.of("average"));
    }

    @Test
    void unaryForwardIsRejectedWithAClearMessage() {
        try (Scope s = Scope.open(); MSELoss l = new MSELoss()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Torch.zeros(2)));
            assertTrue(e.getMessage().contains("forward(input, target)"), e.getMessage());
            assertEquals("MSELoss()", new MSELoss(Reduction.SUM).toString(), "PyTorch prints losses without their reduction");
        }
    }

    @Test
    void shapeErrorsAreTorchExceptions() {
        try (Scope s = Scope.open(); MSELoss l = new MSELoss()) {
            TorchException e = assertThrows(TorchException.class, () -> l.forward(Torch.zeros(3), Torch.zeros(4)));
            assertTrue(e.getMessage().startsWith("mseLoss: "), e.getMessage());
            assertTrue(e.getMessage().length() < 400, "one short line, no C++ frames: " + e.getMessage());
        }
    }

    @Test
    void flattenFlattensTheGivenRange() {
        try (Scope s = Scope.open(); Flatten f = new Flatten(0, 1); Flatten dflt = new Flatten()) {
            Tensor x = Torch.zeros(4, 1);
            assertArrayEquals(new long[] {4}, f.forward(x).shape());
            assertArrayEquals(new long[] {2, 12}, dflt.forward(Torch.zeros(2, 3, 4)).shape());
            assertEquals("Flatten(start_dim=0, end_dim=1)", f.toString());
        }
    }
}
