package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * MultiheadAttention and Transformer behaviour the parity recordings do not cover: Module.deepCopy,
 * the plain-module call forms, and the bad-input messages (which name the module and the shapes).
 */
class AttentionTest {
    // ---------------------------------------------------------------- deepCopy

    @Test
    void deepCopyCopiesValuesFlagsAndGradsAndSharesNothing() {
        try (Scope s = Scope.open(); Linear a = new Linear(3, 2)) {
            a.weight().requiresGrad(true);
            a.bias().requiresGrad(false);
            a.forward(Torch.randn(4, 3)).sum().backward();
            a.eval();
            try (Linear b = a.deepCopy()) {
                assertNotSame(a, b);
                assertArrayEquals(a.weight().toFloatArray(), b.weight().toFloatArray());
                assertArrayEquals(a.bias().toFloatArray(), b.bias().toFloatArray());
                assertArrayEquals(a.weight().grad().toFloatArray(), b.weight().grad().toFloatArray());
                assertTrue(b.weight().requiresGrad());
                assertFalse(b.bias().requiresGrad());
                assertFalse(b.isTraining());
                float before = a.weight().toFloatArray()[0];
                try (Grad.Guard g = Grad.noGrad()) {
                    b.weight().add_(1.0);
                }
                assertEquals(before, a.weight().toFloatArray()[0], "the copy shares no storage with the original");
            }
            assertFalse(a.isClosed(), "closing the copy leaves the original open");
        }
    }

    @Test
    void deepCopyDrawsNoRandomNumbers() {
        try (Scope s = Scope.open(); TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2,
                TransformerOptions.DEFAULT.withDimFeedforward(16))) {
            Torch.manualSeed(7);
            float[] expected = Torch.randn(5).toFloatArray();
            Torch.manualSeed(7);
            try (TransformerEncoderLayer copy = layer.deepCopy()) {
                assertArrayEquals(expected, Torch.randn(5).toFloatArray(), "the generator is where it was");
                assertEquals(layer.stateDict().keySet(), copy.stateDict().keySet());
                Map<String, Tensor> want = layer.stateDict();
                copy.stateDict().forEach((k, v) -> assertArrayEquals(want.get(k).toFloatArray(), v.toFloatArray(), k));
            }
        }
    }

    @Test
    void deepCopyOfContainersCopiesTheChildren() {
        try (Scope s = Scope.open(); Sequential a = new Sequential(new Linear(3, 4), new ReLU(), new Dropout(0.2));
             Sequential b = a.deepCopy()) {
            assertEquals(a.toString(), b.toString());
            assertNotSame(a.get(0), b.get(0));
            assertArrayEquals(((Linear) a.get(0)).weight().toFloatArray(), ((Linear) b.get(0)).weight().toFloatArray());
        }
    }

    @Test
    void deepCopyOfAModuleWithoutNewInstanceSaysHowToSupportIt() {
        class Custom extends Module {
        }
        try (Custom c = new Custom()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, c::deepCopy);
            assertTrue(e.getMessage().contains("override newInstance()"), e.getMessage());
        }
    }

    @Test
    void encoderLayersAreCopiesOfThePrototype() {
        try (Scope s = Scope.open();
             TransformerEncoderLayer proto = new TransformerEncoderLayer(8, 2, TransformerOptions.DEFAULT.withDimFeedforward(16))) {
            try (TransformerEncoder enc = new TransformerEncoder(proto, 3)) {
                assertEquals(3, enc.layers().size());
                for (Module m : enc.layers()) {
                    assertNotSame(proto, m);
                    TransformerEncoderLayer l = (TransformerEncoderLayer) m;
                    assertNotSame(proto.selfAttn().inProjWeight(), l.selfAttn().inProjWeight());
                    assertArrayEquals(proto.selfAttn().inProjWeight().toFloatArray(), l.selfAttn().inProjWeight().toFloatArray());
                }
                assertNull(enc.norm());
            }
            assertFalse(proto.isClosed(), "the prototype stays the caller's");
        }
    }

    // ---------------------------------------------------------------- call forms

    @Test
    void needWeightsFalseGivesNoWeightsAndThePlainCallGivesTheOutput() {
        try (Scope s = Scope.open(); MultiheadAttention mha = new MultiheadAttention(8, 2)) {
            Tensor x = Torch.randn(5, 3, 8);
            MultiheadAttention.Output full = mha.forward(x, x, x);
            assertArrayEquals(new long[] {3, 5, 5}, full.attnWeights().shape());
            MultiheadAttention.Output noWeights = mha.forward(x, x, x, null, false, null);
            assertNull(noWeights.attnWeights());
            assertArrayEquals(full.attnOutput().toFloatArray(), noWeights.attnOutput().toFloatArray());
            assertArrayEquals(full.attnOutput().toFloatArray(), mha.forward(new Tensor[] {x, x, x}).toFloatArray());
            MultiheadAttention.Output perHead = mha.forward(x, x, x, null, true, null, false);
            assertArrayEquals(new long[] {3, 2, 5, 5}, perHead.attnWeights().shape());
        }
    }

    @Test
    void byteMaskActsAsBoolMask() {
        try (Scope s = Scope.open(); MultiheadAttention mha = new MultiheadAttention(4, 2)) {
            Tensor x = Torch.randn(3, 2, 4);
            Tensor bool = Torch.tensor(new boolean[] {false, true, false, false, false, true, false, false, false}, 3, 3);
            Tensor bytes = bool.to(DType.UINT8);
            assertArrayEquals(mha.forward(x, x, x, null, true, bool).attnOutput().toFloatArray(),
                    mha.forward(x, x, x, null, true, bytes).attnOutput().toFloatArray());
        }
    }

    @Test
    void float64ModulesRunAndCopyInFloat64() {
        try (Scope s = Scope.open(); MultiheadAttention mha = new MultiheadAttention(4, 2,
                MultiheadAttention.Options.DEFAULT.withAddZeroAttn(true).withAddBiasKv(true))) {
            mha.to(DType.FLOAT64);
            Tensor x = Torch.randn(DType.FLOAT64, 3, 2, 4);
            Tensor mask = Torch.tensor(new boolean[] {false, true, false, false, false, false, true, false, false}, 3, 3);
            MultiheadAttention.Output o = mha.forward(x, x, x, null, true, mask);
            assertEquals(DType.FLOAT64, o.attnOutput().dtype());
            assertEquals(DType.FLOAT64, o.attnWeights().dtype());
            assertArrayEquals(new long[] {2, 3, 5}, o.attnWeights().shape(), "two extra key positions: bias_k and the zero attention");
            try (MultiheadAttention c = mha.deepCopy()) {
                assertEquals(DType.FLOAT64, c.inProjWeight().dtype());
                assertArrayEquals(o.attnOutput().toDoubleArray(), c.forward(x, x, x, null, true, mask).attnOutput().toDoubleArray());
            }
        }
    }

    @Test
    void generateSquareSubsequentMaskIsCausal() {
        try (Scope s = Scope.open()) {
            float[] m = Transformer.generateSquareSubsequentMask(3).toFloatArray();
            float inf = Float.NEGATIVE_INFINITY;
            assertArrayEquals(new float[] {0, inf, inf, 0, 0, inf, 0, 0, 0}, m);
        }
    }

    // ---------------------------------------------------------------- bad input

    static String message(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void badConstructionIsRefused() {
        String m = message(IllegalArgumentException.class, () -> new MultiheadAttention(8, 3));
        assertTrue(m.contains("MultiheadAttention(embed_dim=8, num_heads=3)") && m.contains("divisible"), m);
        m = message(IllegalArgumentException.class, () -> new TransformerEncoderLayer(8, 2, TransformerOptions.DEFAULT.withActivation("tanh")));
        assertTrue(m.contains("relu/gelu") && m.contains("tanh"), m);
        m = message(IllegalArgumentException.class, () -> new MultiheadAttention(8, 2, MultiheadAttention.Options.DEFAULT.withDropout(1.5)));
        assertTrue(m.contains("dropout"), m);
    }

    @Test
    void wrongShapesNameTheModuleAndTheShapes() {
        try (Scope s = Scope.open(); MultiheadAttention mha = new MultiheadAttention(8, 2)) {
            String label = "MultiheadAttention(embed_dim=8, num_heads=2)";
            Tensor q = Torch.randn(4, 2, 8);
            Tensor kv = Torch.randn(5, 2, 8);
            String m = message(IllegalArgumentException.class, () -> mha.forward(Torch.randn(4, 2, 6), kv, kv));
            assertTrue(m.contains(label) && m.contains("[4, 2, 6]") && m.contains("8"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, Torch.randn(5, 8), Torch.randn(5, 8)));
            assertTrue(m.contains(label) && m.contains("[5, 8]"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, kv, kv, null, true, Torch.zeros(4, 4)));
            assertTrue(m.contains(label) && m.contains("[4, 4]") && m.contains("[4, 5]"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, kv, kv, null, true, Torch.zeros(2, 4, 5)));
            assertTrue(m.contains("[2, 4, 5]") && m.contains("[4, 4, 5]"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, kv, kv, Torch.zeros(DType.BOOL, 2, 4), true, null));
            assertTrue(m.contains(label) && m.contains("[2, 4]") && m.contains("[2, 5]"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, kv, kv, Torch.zeros(DType.INT64, 2, 5), true, null));
            assertTrue(m.contains("key_padding_mask") && m.contains("int64"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, kv, kv, null, true, Torch.zeros(DType.INT32, 4, 5)));
            assertTrue(m.contains("attn_mask") && m.contains("int32"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(Torch.randn(2, 4, 2, 8), kv, kv));
            assertTrue(m.contains("[2, 4, 2, 8]"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q, Torch.randn(5, 3, 8), Torch.randn(5, 3, 8)));
            assertTrue(m.contains("batch") && m.contains("[5, 3, 8]"), m);
            m = message(IllegalArgumentException.class, () -> mha.forward(q));
            assertTrue(m.contains("3 inputs"), m);
        }
        try (Scope s = Scope.open(); MultiheadAttention mha = new MultiheadAttention(6, 3,
                MultiheadAttention.Options.DEFAULT.withKdim(4L).withVdim(5L))) {
            String m = message(IllegalArgumentException.class, () -> mha.forward(Torch.randn(2, 1, 6), Torch.randn(3, 1, 5),
                    Torch.randn(3, 1, 5)));
            assertTrue(m.contains("[3, 1, 5]") && m.contains("4"), m);
        }
    }

    @Test
    void transformerModulesNameTheirShapes() {
        TransformerOptions o = TransformerOptions.DEFAULT.withDimFeedforward(16);
        try (Scope s = Scope.open(); TransformerEncoderLayer enc = new TransformerEncoderLayer(8, 2, o);
             TransformerDecoderLayer dec = new TransformerDecoderLayer(8, 2, o); Transformer t = new Transformer(8, 2, 1, 1, o)) {
            String m = message(IllegalArgumentException.class, () -> enc.forward(Torch.randn(5, 2, 7)));
            assertTrue(m.contains("TransformerEncoderLayer(d_model=8)") && m.contains("[5, 2, 7]"), m);
            m = message(IllegalArgumentException.class, () -> dec.forward(Torch.randn(5, 2, 8), Torch.randn(5, 2, 6)));
            assertTrue(m.contains("TransformerDecoderLayer(d_model=8)") && m.contains("memory") && m.contains("[5, 2, 6]"), m);
            m = message(IllegalArgumentException.class, () -> t.forward(Torch.randn(5, 2, 8), Torch.randn(4, 3, 8)));
            assertTrue(m.contains("batch number") && m.contains("[5, 2, 8]") && m.contains("[4, 3, 8]"), m);
            m = message(IllegalArgumentException.class, () -> enc.forward(Torch.randn(5, 2, 8), null, Torch.zeros(DType.INT64, 2, 5)));
            assertTrue(m.contains("src_key_padding_mask") && m.contains("int64"), m);
            m = message(IllegalArgumentException.class, () -> dec.forward(Torch.randn(5, 2, 8)));
            assertTrue(m.contains("2 to 6 inputs"), m);
        }
    }

    @Test
    void closedModulesRefuseUse() {
        MultiheadAttention mha = new MultiheadAttention(4, 2);
        mha.close();
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(2, 1, 4);
            assertThrows(IllegalStateException.class, () -> mha.forward(x, x, x));
            assertThrows(IllegalStateException.class, mha::deepCopy);
        }
        assertEquals("MultiheadAttention(<closed>)", mha.toString());
    }
}
