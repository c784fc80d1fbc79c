package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Torch#setPrintOptions}: defaults, profiles, reset, validation (the printing itself: ReprParityTest). */
class PrintOptionsTest {
    @AfterEach
    void reset() {
        Torch.resetPrintOptions();
    }

    @Test
    void defaultsAreTorchs() {
        // python: torch._tensor_str.PRINT_OPTS -> precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode None
        assertEquals(new PrintOptions(4, 1000, 3, 80, null), Torch.getPrintOptions());
        assertEquals(PrintOptions.DEFAULT, Torch.getPrintOptions());
    }

    @Test
    void setAndReset() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.tensor(new double[] {1.12345}, DType.FLOAT32);
            Torch.setPrintOptions(2, 1000, 3, 80, null);
            assertEquals("tensor([1.12])", x.toString()); // the example of torch.set_printoptions' docstring
            Torch.setPrintOptions(Torch.getPrintOptions().withThreshold(5));
            assertEquals("tensor([0, 1, 2,  ..., 7, 8, 9])", Torch.arange(10).toString());
            Torch.resetPrintOptions();
            assertEquals("tensor([1.1235])", x.toString());
            assertEquals("tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])", Torch.arange(10).toString());
            Torch.setPrintOptions(PrintOptions.SHORT);
            assertEquals(2, Torch.getPrintOptions().precision());
            assertEquals(2, Torch.getPrintOptions().edgeitems());
            Torch.setPrintOptions(PrintOptions.FULL);
            assertEquals(Double.POSITIVE_INFINITY, Torch.getPrintOptions().threshold());
        }
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintOptions(-1, 1000, 3, 80, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintOptions(4, Double.NaN, 3, 80, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintOptions(4, 1000, 0, 80, null));
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintOptions(4, 1000, 3, 0, null));
        assertThrows(NullPointerException.class, () -> Torch.setPrintOptions(null));
        assertEquals(PrintOptions.DEFAULT, Torch.getPrintOptions());
    }
}
