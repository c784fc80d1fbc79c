package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Bad arguments and inputs of the activations, padding, pixel-shuffle and distance modules: a
 * Java exception naming the module and the bad value (or LibTorch's one-line TorchException, naming
 * the op and the shapes, for shapes only known at forward), never a crash.
 */
class MoreModulesBadInputTest {
    @Test
    void constructorArgumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PReLU(0));
        assertEquals("PReLU: num_parameters must be >= 1 (1 or the number of input channels), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PReLU(-3, 0.1));
        assertEquals("PReLU: num_parameters must be >= 1 (1 or the number of input channels), got -3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CELU(0.0));
        assertEquals("CELU: alpha cannot be 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Softshrink(-0.5));
        assertEquals("Softshrink: lambd must be greater or equal to 0, got -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Softshrink(Double.NaN));
        assertEquals("Softshrink: lambd must be greater or equal to 0, got nan", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PixelShuffle(0));
        assertEquals("PixelShuffle: upscale_factor must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PixelShuffle(-2));
        assertEquals("PixelShuffle: upscale_factor must be positive, got -2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PixelUnshuffle(0));
        assertEquals("PixelUnshuffle: downscale_factor must be positive, got 0", e.getMessage());
    }

    @Test
    void paddingTuplesMustHaveOneOrTwoValuesPerDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZeroPad2d(1, 2));
        assertEquals("ZeroPad2d: padding must be one value or 4 values, got [1, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConstantPad1d(new long[] {1, 2, 3}, 0.5));
        assertEquals("ConstantPad1d: padding must be one value or 2 values, got [1, 2, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConstantPad2d(new long[] {1, 2}, 0.5));
        assertEquals("ConstantPad2d: padding must be one value or 4 values, got [1, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReflectionPad1d());
        assertEquals("ReflectionPad1d: padding must be one value or 2 values, got []", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReflectionPad2d(1, 1, 1));
        assertEquals("ReflectionPad2d: padding must be one value or 4 values, got [1, 1, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReplicationPad2d(1, 2, 3, 4, 5, 6));
        assertEquals("ReplicationPad2d: padding must be one value or 4 values, got [1, 2, 3, 4, 5, 6]", e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class, () -> new ReplicationPad1d((long[]) null));
        assertEquals("ReplicationPad1d: padding is null", n.getMessage());
        // negative amounts crop, as in PyTorch (ZeroPad2d(-1) on [1, 2, 5, 3] gives [1, 2, 3, 1])
        try (Scope s = Scope.open(); ZeroPad2d crop = new ZeroPad2d(-1)) {
            assertEquals("[1, 2, 3, 1]", java.util.Arrays.toString(crop.forward(Torch.zeros(1, 2, 5, 3)).shape()));
        }
    }

    @Test
    void wrongShapesAtForwardNameTheModuleOrTheOpAndTheShapes() {
        try (Scope s = Scope.open(); PReLU prelu = new PReLU(3); ReflectionPad1d reflect = new ReflectionPad1d(5); GLU glu = new GLU();
                PixelShuffle shuffle = new PixelShuffle(2); PixelUnshuffle unshuffle = new PixelUnshuffle(2);
                CosineSimilarity cos = new CosineSimilarity(); PairwiseDistance dist = new PairwiseDistance()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prelu.forward(Torch.zeros(2, 4)));
            assertEquals("PReLU(num_parameters=3): expected input with 3 channels (dimension 1), got [2, 4]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> prelu.forward(Torch.zeros(3)));
            assertEquals("PReLU(num_parameters=3): expected input with 3 channels (dimension 1), got [3]", e.getMessage());
            assertNativeFailure("pad", "[1, 2, 3]", () -> reflect.forward(Torch.zeros(1, 2, 3)));
            assertNativeFailure("glu", "[3, 5]", () -> glu.forward(Torch.zeros(3, 5)));
            assertNativeFailure("glu", "[]", () -> glu.forward(Torch.zeros()));
            assertNativeFailure("pixelShuffle", "[1, 3, 2, 2]", () -> shuffle.forward(Torch.zeros(1, 3, 2, 2)));
            assertNativeFailure("pixelUnshuffle", "[1, 1, 3, 4]", () -> unshuffle.forward(Torch.zeros(1, 1, 3, 4)));
            assertNativeFailure("cosineSimilarity", "[3, 5]", () -> cos.forward(Torch.zeros(3, 4), Torch.zeros(3, 5)));
            assertNativeFailure("pairwiseDistance", "[3, 5]", () -> dist.forward(Torch.zeros(3, 4), Torch.zeros(3, 5)));
            e = assertThrows(IllegalArgumentException.class, () -> cos.forward(Torch.zeros(3, 4)));
            assertEquals("CosineSimilarity.forward takes 2 inputs (x1, x2), got 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> dist.forward(Torch.zeros(3), Torch.zeros(3), Torch.zeros(3)));
            assertEquals("PairwiseDistance.forward takes 2 inputs (x1, x2), got 3", e.getMessage());
        }
    }

    @Test
    void nullInputsNameTheModule() {
        try (Scope s = Scope.open(); Softsign softsign = new Softsign(); ConstantPad2d pad = new ConstantPad2d(1, 0.0);
                CosineSimilarity cos = new CosineSimilarity(); PReLU prelu = new PReLU()) {
            NullPointerException n = assertThrows(NullPointerException.class, () -> softsign.forward((Tensor) null));
            assertEquals("Softsign: input is null", n.getMessage());
            n = assertThrows(NullPointerException.class, () -> pad.forward((Tensor) null));
            assertEquals("ConstantPad2d: input is null", n.getMessage());
            n = assertThrows(NullPointerException.class, () -> cos.forward(Torch.zeros(2), null));
            assertEquals("CosineSimilarity: x2 is null", n.getMessage());
            n = assertThrows(NullPointerException.class, () -> prelu.forward((Tensor) null));
            assertEquals("PReLU: input is null", n.getMessage());
        }
    }

    private static void assertNativeFailure(String op, String shape, org.junit.jupiter.api.function.Executable call) {
        TorchException e = assertThrows(TorchException.class, call);
        assertTrue(e.getMessage().startsWith(op + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(shape), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
