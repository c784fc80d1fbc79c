package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/** Wrong shapes and arguments: Java exceptions naming the module and both shapes, never a crash. */
class BadInputTest {
    @Test
    void channelCountsAndRanksNameTheModuleAndBothShapes() {
        try (Scope s = Scope.open(); Conv2d conv = new Conv2d(3, 16, 3); BatchNorm2d bn = new BatchNorm2d(16);
                Linear lin = new Linear(4, 2); MaxPool2d pool = new MaxPool2d(2); LayerNorm ln = new LayerNorm(5)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Torch.zeros(8, 1, 28, 28)));
            assertEquals("Conv2d(3, 16): expected input with 3 channels, got [8, 1, 28, 28]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Torch.zeros(28, 28)));
            assertEquals("Conv2d(3, 16): expected 3D (unbatched) or 4D (batched) input, got [28, 28]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Torch.zeros(8, 3, 4, 4)));
            assertEquals("BatchNorm2d(16): expected input with 16 channels, got [8, 3, 4, 4]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Torch.zeros(8, 16)));
            assertEquals("BatchNorm2d(16): expected 4D input, got [8, 16]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Torch.zeros(1, 16, 1, 1)));
            assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lin.forward(Torch.zeros(2, 3)));
            assertEquals("Linear(in_features=4, out_features=2): expected input [*, 4], got [2, 3]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> pool.forward(Torch.zeros(5)));
            assertEquals("MaxPool2d(kernel_size=2): expected 3D or 4D input, got [5]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ln.forward(Torch.zeros(2, 4)));
            assertEquals("LayerNorm((5,)): expected input with shape [*, 5], got [2, 4]", e.getMessage());
        }
    }

    @Test
    void constructorArgumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 16, 3, ConvOptions.DEFAULT.withGroups(2)));
        assertTrue(e.getMessage().contains("in_channels must be divisible by groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 16, 3, ConvOptions.DEFAULT.withStride(2).withPadding("same")));
        assertEquals("Conv2d: padding='same' is not supported for strided convolutions", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.DEFAULT.withPadding("full"));
        assertTrue(e.getMessage().contains("Invalid padding string 'full'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertEquals("dropout probability has to be between 0 and 1, but got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Embedding(10, 3, 10L));
        assertTrue(e.getMessage().contains("padding_idx must be within num_embeddings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(CrossEntropyLoss.Options.DEFAULT.withLabelSmoothing(2)));
        assertTrue(e.getMessage().contains("label_smoothing must be between 0.0 and 1.0"), e.getMessage());
    }

    @Test
    void nativeFailuresAreOneLineTorchExceptions() {
        try (Scope s = Scope.open(); CrossEntropyLoss ce = new CrossEntropyLoss(); Embedding emb = new Embedding(4, 2)) {
            TorchException e = assertThrows(TorchException.class, () -> ce.forward(Torch.zeros(3, 4), Torch.tensor(new long[] {0, 7, 1}, 3)));
            assertTrue(e.getMessage().startsWith("crossEntropy: "), e.getMessage()); // the generated F.cross_entropy names its Java method
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            e = assertThrows(TorchException.class, () -> emb.forward(Torch.tensor(new long[] {9}, 1)));
            assertTrue(e.getMessage().startsWith("embedding: "), e.getMessage());
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                    () -> new BCEWithLogitsLoss().forward(Torch.zeros(3), Torch.zeros(4)));
            assertEquals("BCEWithLogitsLoss: Target size ([4]) must be the same as input size ([3])", b.getMessage());
            Tensor closed = Torch.zeros(2, 4);
            closed.close();
            assertThrows(IllegalStateException.class, () -> new Linear(4, 1).forward(closed));
            assertThrows(NullPointerException.class, () -> new ReLU().forward((Tensor) null));
            assertEquals(DType.FLOAT32, ce.forward(Torch.zeros(3, 4), Torch.tensor(new long[] {0, 2, 1}, 3)).dtype());
        }
    }
}
