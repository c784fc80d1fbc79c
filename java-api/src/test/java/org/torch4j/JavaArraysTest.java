package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.nn.Linear;

/**
 * Java arrays of every primitive type into tensors and back, scalars, item variants, and the empty
 * tensors of defect 6 (issue 14), which threw NullPointerException. Expected strings in
 * {@code emptyTensorsPrint} are PyTorch 1.13's repr of the same tensors.
 */
class JavaArraysTest {
    @Test
    void everyPrimitiveArrayRoundTripsInItsNaturalDType() {
        try (Scope s = Scope.open()) {
            float[] f = {1.5f, -2.25f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN};
            double[] d = {1e-300, -0.0, Math.PI, Double.NEGATIVE_INFINITY};
            long[] l = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
            int[] i = {Integer.MIN_VALUE, Integer.MAX_VALUE, 7};
            short[] sh = {Short.MIN_VALUE, Short.MAX_VALUE, -3};
            byte[] b = {Byte.MIN_VALUE, Byte.MAX_VALUE, 0, -1};
            boolean[] z = {true, false, true};
            assertEquals(DType.FLOAT32, Torch.tensor(f).dtype());
            assertArrayEquals(f, Torch.tensor(f).toFloatArray());
            assertEquals(DType.FLOAT64, Torch.tensor(d).dtype());
            assertArrayEquals(d, Torch.tensor(d).toDoubleArray());
            assertEquals(DType.INT64, Torch.tensor(l).dtype());
            assertArrayEquals(l, Torch.tensor(l).toLongArray());
            assertEquals(DType.INT32, Torch.tensor(i).dtype());
            assertArrayEquals(i, Torch.tensor(i).toIntArray());
            assertEquals(DType.INT16, Torch.tensor(sh).dtype());
            assertArrayEquals(sh, Torch.tensor(sh).toShortArray());
            assertEquals(DType.INT8, Torch.tensor(b).dtype());
            assertArrayEquals(b, Torch.tensor(b).toByteArray());
            assertEquals(DType.BOOL, Torch.tensor(z).dtype());
            assertArrayEquals(z, Torch.tensor(z).toBooleanArray());
        }
    }

    @Test
    void bytesAsUint8AreUnsigned() {
        try (Scope s = Scope.open()) {
            Tensor u = Torch.tensor(new byte[] {(byte) 200, (byte) 255, 3}, DType.UINT8);
            assertEquals(DType.UINT8, u.dtype());
            assertArrayEquals(new long[] {200, 255, 3}, u.toLongArray());
            assertArrayEquals(new byte[] {(byte) 200, (byte) 255, 3}, u.toByteArray()); // raw bits back
            assertEquals(200, u.index(0).itemInt());
        }
    }

    @Test
    void quantizedHasNoArrayType() {
        try (Scope s = Scope.open()) {
            Tensor q = Torch.quantizePerTensor(Torch.tensor(new float[] {0.5f, 1f}), 0.5, 2, DType.QUINT8);
            List<org.junit.jupiter.api.function.Executable> reads = List.of(q::toFloatArray, q::toDoubleArray,
                    q::toLongArray, q::toIntArray, q::toShortArray, q::toByteArray, q::toBooleanArray);
            for (org.junit.jupiter.api.function.Executable read : reads) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read);
                assertTrue(e.getMessage().contains("quint8[2]") && e.getMessage().contains("dequantize()")
                        && e.getMessage().contains("intRepr()"), e.getMessage());
            }
            // the ways the message points to
            assertArrayEquals(new float[] {0.5f, 1f}, q.dequantize().toFloatArray());
            assertArrayEquals(new long[] {3, 4}, q.intRepr().toLongArray()); // round(v / 0.5) + 2, as PyTorch
        }
    }

    @Test
    void everyDTypeRoundTripsThroughEveryArrayTypeItCanHold() {
        try (Scope s = Scope.open()) {
            for (DType d : DType.values()) {
                if (d.isComplex() || d.isQuantized()) {
                    continue; // no Java array type: complexHasNoArrayType, quantizedHasNoArrayType
                }
                Tensor t = Torch.tensor(new double[] {0, 1, 0, 1}, d, 2, 2);
                assertEquals(d, t.dtype());
                assertArrayEquals(new long[] {2, 2}, t.shape());
                assertArrayEquals(new double[] {0, 1, 0, 1}, t.toDoubleArray(), d.toString());
                assertArrayEquals(new float[] {0, 1, 0, 1}, t.toFloatArray(), d.toString());
                assertArrayEquals(new long[] {0, 1, 0, 1}, t.toLongArray(), d.toString());
                assertArrayEquals(new int[] {0, 1, 0, 1}, t.toIntArray(), d.toString());
                assertArrayEquals(new short[] {0, 1, 0, 1}, t.toShortArray(), d.toString());
                assertArrayEquals(new byte[] {0, 1, 0, 1}, t.toByteArray(), d.toString());
                assertArrayEquals(new boolean[] {false, true, false, true}, t.toBooleanArray(), d.toString());
                assertEquals(d, Torch.tensor(new float[] {1}, d).dtype());
                assertEquals(d, Torch.tensor(new long[] {1}, d).dtype());
                assertEquals(d, Torch.tensor(new int[] {1}, d).dtype());
                assertEquals(d, Torch.tensor(new short[] {1}, d).dtype());
                assertEquals(d, Torch.tensor(new byte[] {1}, d).dtype());
                assertEquals(d, Torch.tensor(new boolean[] {true}, d).dtype());
            }
        }
    }

    @Test
    void complexHasNoArrayType() {
        try (Scope s = Scope.open()) {
            Tensor z = Torch.tensor(new double[] {1, 2}, DType.COMPLEX64);
            assertEquals(DType.COMPLEX64, z.dtype());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, z::toFloatArray);
            assertTrue(e.getMessage().contains("complex64[2]"), e.getMessage());
            // python: torch.tensor([1., 2.], dtype=torch.complex64) -> tensor([1.+0.j, 2.+0.j])
            assertEquals("tensor([1.+0.j, 2.+0.j])", z.toString());
        }
    }

    @Test
    void halfPrecisionFromFloatsRoundsAsPyTorch() {
        try (Scope s = Scope.open()) {
            // python: torch.tensor([0.1, 65520.0, 1.7], dtype=torch.float16).tolist() -> [0.0999755859375, inf, 1.7001953125]
            assertArrayEquals(new double[] {0.0999755859375, Double.POSITIVE_INFINITY, 1.7001953125},
                    Torch.tensor(new float[] {0.1f, 65520f, 1.7f}, DType.FLOAT16).toDoubleArray());
            // python: torch.tensor([0.1, 1.7], dtype=torch.bfloat16).tolist() -> [0.10009765625, 1.703125]
            assertArrayEquals(new double[] {0.10009765625, 1.703125},
                    Torch.tensor(new float[] {0.1f, 1.7f}, DType.BFLOAT16).toDoubleArray());
        }
    }

    @Test
    void scalarsAndItems() {
        try (Scope s = Scope.open()) {
            Tensor b = Torch.scalar(true);
            assertEquals(0, b.dim());
            assertEquals(DType.BOOL, b.dtype());
            assertTrue(b.itemBoolean());
            Tensor big = Torch.scalar(Long.MAX_VALUE - 1, DType.INT64);
            assertEquals(0, big.dim());
            assertEquals(Long.MAX_VALUE - 1, big.itemLong()); // a double could not hold it
            Tensor f = Torch.tensor(new double[] {-2.75}, DType.FLOAT64, new long[] {1});
            assertEquals(-2, f.itemInt()); // python: int(torch.tensor([-2.75]).item()) -> -2
            assertEquals((short) -2, f.itemShort());
            assertEquals((byte) -2, f.itemByte());
            assertTrue(f.itemBoolean());
            assertFalse(Torch.zeros(1).itemBoolean());
            assertThrows(IllegalArgumentException.class, () -> Torch.zeros(2).itemInt());
        }
    }

    @Test
    void emptyTensorsConvert() {
        try (Scope s = Scope.open()) {
            assertArrayEquals(new long[] {0}, Torch.tensor(new float[0]).shape());
            assertArrayEquals(new long[] {0}, Torch.tensor(new long[0]).shape());
            assertArrayEquals(new long[] {0, 3}, Torch.tensor(new double[0], 0, 3).shape());
            assertArrayEquals(new long[] {0}, Torch.tensor(new boolean[0]).shape());
            assertArrayEquals(new long[] {0}, Torch.tensor(new byte[0], DType.UINT8).shape());
            Tensor z = Torch.zeros(0);
            assertEquals(0, z.toFloatArray().length);
            assertEquals(0, z.toDoubleArray().length);
            assertEquals(0, z.toLongArray().length);
            assertEquals(0, z.toIntArray().length);
            assertEquals(0, z.toShortArray().length);
            assertEquals(0, z.toByteArray().length);
            assertEquals(0, z.toBooleanArray().length);
            assertEquals(0, Torch.zeros(4, 0, 2).toFloatArray().length);
        }
    }

    @Test
    void emptyTensorsPrint() {
        try (Scope s = Scope.open()) {
            assertEquals("tensor([])", Torch.zeros(0).toString());
            assertEquals("tensor([], dtype=torch.int64)", Torch.tensor(new long[0]).toString());
            assertEquals("tensor([], size=(0, 3))", Torch.zeros(0, 3).toString());
            // python: torch.nn.Linear(3, 0)(torch.randn(2, 3)) -> tensor([], size=(2, 0), grad_fn=<AddmmBackward0>)
            try (Linear lin = new Linear(3, 0)) {
                assertEquals("tensor([], size=(2, 0), grad_fn=<AddmmBackward0>)", lin.forward(Torch.randn(2, 3)).toString());
            }
        }
    }

    @Test
    void badShapesAreIllegalArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.tensor(new float[4], Long.MAX_VALUE, 4));
        assertTrue(e.getMessage().contains("tensor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new float[4], 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new int[4], -2, -2));
        assertThrows(IllegalArgumentException.class, () -> Torch.zeros(Long.MAX_VALUE, Long.MAX_VALUE));
        assertThrows(NullPointerException.class, () -> Torch.tensor((short[]) null));
    }

    @Test
    void conversionsDoNotLeak() {
        long base = Torch.liveTensorCount();
        try (Scope s = Scope.open()) {
            Tensor t = Torch.randn(3, 4);
            Tensor big = Torch.randn(40, 50).to(DType.COMPLEX64); // printing summarises natively
            for (int i = 0; i < 200; i++) {
                assertTrue(big.toString().contains("..."));
                assertTrue(t.toString().startsWith("tensor(["));
                t.toBooleanArray();
                t.toShortArray();
                t.toByteArray();
                Torch.tensor(new int[] {1, 2}, DType.FLOAT16).close();
            }
            assertEquals(base + 3, Torch.liveTensorCount()); // t, the randn and its complex copy
        }
        assertEquals(base, Torch.liveTensorCount());
    }
}
