package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.torch4j.Torch.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's "Tensors" snippet, verbatim, so it keeps compiling; expected strings from PyTorch 1.13. */
class ReadmeTensorsTest {
    @AfterEach
    void reset() {
        resetPrintOptions();
    }

    @Test
    void snippetRunsAndPrintsWhatPyTorchPrints() {
        try (Scope s = Scope.open()) {
            Tensor x = tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            Tensor h = tensor(new float[] {0.1f, 2}, DType.FLOAT16);
            byte[] pixels = new byte[3 * 32 * 32];
            Tensor img = tensor(pixels, DType.UINT8, 3, 32, 32);
            float[] f = x.toFloatArray();
            boolean[] z = x.toBooleanArray();
            long n = x.index(1, 2).itemLong();
            x.index(1);
            x.index(Slice.ALL, Slice.of(1, 3));
            x.index(Tensor.ELLIPSIS, Tensor.NONE);
            x.index(new long[] {1, 0}, new long[] {2, 2});
            Tensor mask = tensor(new boolean[] {false, true, true, false, true, true}, 2, 3);
            // python: x[mask] -> tensor([2., 3., 5., 6.])
            assertEquals("tensor([2., 3., 5., 6.])", x.index(mask).toString());
            x.indexPut_(0, mask);
            x.indexPut_(ones(2, 2), Slice.ALL, Slice.of(1, 3));
            // python: print(x) after x[mask] = 0; x[:, 1:3] = torch.ones(2, 2)
            assertEquals("tensor([[1., 1., 1.],\n        [4., 1., 1.]])", x.toString());
            setPrintOptions(PrintOptions.DEFAULT.withPrecision(2));
            resetPrintOptions();
            assertEquals(DType.FLOAT16, h.dtype());
            assertEquals(DType.UINT8, img.dtype());
            assertEquals(6, f.length + z.length - 6);
            assertEquals(6, n);
        }
    }
}
