package org.torch4j.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;
import static org.torch4j.nn.Functional.crossEntropy;
import static org.torch4j.nn.Functional.maxPool2d;
import static org.torch4j.nn.Functional.relu;
import static org.torch4j.nn.Functional.softmax;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.Functional;
import org.torch4j.nn.Reduction;

/**
 * Smoke test of the generated op surface from outside {@code org.torch4j} (so it also proves that
 * {@code Torch.cat} and {@code import static org.torch4j.Torch.*} reach the inherited statics). The
 * expected values are worked out by hand (noted inline); op-by-op parity against PyTorch recordings
 * is the parity runner's job.
 */
class GeneratedOpsTest {
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void argmaxAlongDimAndFlattened() {
        Tensor x = tensor(new float[] {1, 5, 3, 7, 2, 0}, 2, 3);
        assertArrayEquals(new long[] {1, 0}, x.argmax(1).toLongArray());          // row maxima at 5 and 7
        assertEquals(3, x.argmax().itemLong());                                   // 7 is element 3 flattened
        assertEquals(3, x.argmax(null, false).itemLong());                        // dim=None, the boxed form
        assertArrayEquals(new long[] {2, 1}, x.argmax(1L, true).shape());         // keepdim
    }

    @Test
    void catThroughTheClassAndTheStaticImport() {
        Tensor a = tensor(new float[] {1, 2}, 1, 2);
        Tensor b = tensor(new float[] {3, 4}, 1, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, Torch.cat(a, b).toFloatArray());
        Tensor c = cat(List.of(a, b), 1);
        assertArrayEquals(new long[] {1, 4}, c.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c.toFloatArray());
        assertThrows(TorchException.class, () -> cat(List.of(a, tensor(new float[] {1, 2, 3}, 1, 3)), 0));
    }

    @Test
    void indexSelectAndMaskedFillInPlace() {
        Tensor x = tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new float[] {5, 6, 1, 2}, x.indexSelect(0, tensor(new long[] {2, 0})).toFloatArray());
        Tensor y = x.clone();
        assertSame(y, y.maskedFill_(y.gt(3.0), 0.0));                             // in place returns this
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 0}, y.toFloatArray());
    }

    @Test
    void softmaxRowsSumToOne() {
        manualSeed(0);
        Tensor p = softmax(randn(4, 5), 1);
        float[] rows = p.sum(1).toFloatArray();
        for (float r : rows) {
            assertEquals(1.0, r, 1e-6);
        }
        assertArrayEquals(new float[] {0.5f, 0.5f}, zeros(2).softmax(0).toFloatArray());  // equal logits
    }

    @Test
    void crossEntropyOfUniformLogitsIsLogOfClassCount() {
        Tensor logits = zeros(2, 3);
        Tensor target = tensor(new long[] {0, 2});
        double ln3 = Math.log(3);
        assertEquals(ln3, crossEntropy(logits, target).itemDouble(), 1e-6);
        assertEquals(2 * ln3, crossEntropy(logits, target, null, Reduction.SUM).itemDouble(), 1e-6);
        assertTrue(crossEntropy(randn(4, 3), tensor(new long[] {0, 1, 2, 1})).itemDouble() >= 0);
    }

    @Test
    void topkGivesValuesAndIndices() {
        try (ValuesIndices top = tensor(new float[] {1, 5, 3, 7}).topk(2)) {
            assertArrayEquals(new float[] {7, 5}, top.values().toFloatArray());
            assertArrayEquals(new long[] {3, 1}, top.indices().toLongArray());
        }
        ValuesIndices mx = tensor(new float[] {1, 5, 3, 7}, 2, 2).max(1, false);
        assertArrayEquals(new long[] {1, 1}, mx.indices().toLongArray());
        mx.close();
        assertTrue(mx.values().isClosed() && mx.indices().isClosed());
    }

    @Test
    void longScalarKeepsIntegerDtypes() {
        Tensor i = arange(3);
        assertEquals(DType.INT64, i.add(1L).dtype());                             // Python: arange(3) + 1
        assertEquals(DType.FLOAT32, i.add(1.0).dtype());                          // Python: arange(3) + 1.0
        assertArrayEquals(new long[] {2, 4, 6}, i.add(1L).mul(2L).toLongArray());
    }

    @Test
    void factoriesAndLists() {
        assertEquals(3.0, eye(3).trace().itemDouble());
        manualSeed(0);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, randperm(5).sort().values().toLongArray());
        Tensor r = randint(0, 10, new long[] {100});
        assertEquals(DType.INT64, r.dtype());
        assertTrue(r.min().itemLong() >= 0 && r.max().itemLong() < 10);
        assertEquals(DType.FLOAT64, zerosLike(r, DType.FLOAT64).dtype());
        List<Tensor> parts = arange(7).split(3);
        assertEquals(3, parts.size());
        assertArrayEquals(new long[] {6}, parts.get(2).toLongArray());
        assertEquals(21, arange(7).sum((long[]) null, false, (DType) null).itemLong());  // dim=None: all dims
    }

    @Test
    void functionalActivationsAndPooling() {
        assertArrayEquals(new float[] {0, 0, 2}, relu(tensor(new float[] {-1, 0, 2})).toFloatArray());
        Tensor img = tensor(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {4}, maxPool2d(img, 2).toFloatArray());
        assertArrayEquals(new float[] {2.5f}, Functional.avgPool2d(img, 2).toFloatArray());
    }

    @Test
    void errorsNameTheJavaOpAndNeverCrash() {
        TorchException e = assertThrows(TorchException.class,
                () -> zeros(2, 3).matmul(zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("matmul: "), e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> zeros(2).indexSelect(0, null));
        assertTrue(npe.getMessage().contains("indexSelect"), npe.getMessage());
    }

    /** Optional list arguments passed as null (None) and a few list-taking functions. */
    @Test
    void noneListsAndListFunctions() {
        Tensor a = tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = tensor(new float[] {1, 0, 0, 1}, 2, 2);
        assertArrayEquals(a.toFloatArray(), einsum("ij,jk->ik", a, b).toFloatArray());          // a @ I
        assertArrayEquals(a.toFloatArray(), einsum("ij,jk->ik", List.of(a, b), (long[]) null).toFloatArray());
        // std over all elements of 1..4 (unbiased): sqrt(5/3)
        assertEquals(Math.sqrt(5.0 / 3), a.std((long[]) null, true, false).itemDouble(), 1e-6);
        assertEquals(Math.sqrt(5.0 / 3), a.std().itemDouble(), 1e-6);
        assertArrayEquals(new long[] {2, 2, 2}, stack(a, b).shape());
        assertArrayEquals(new float[] {1, 0, 0, 4}, where(b.gt(0L), a, zerosLike(a)).toFloatArray());
        try (var sm = stdMean(a)) {
            assertEquals(2.5, sm.mean().itemDouble(), 1e-6);
        }
    }

    /** F.* take the Python wrapper's argument order, not ATen's (which puts weight first). */
    @Test
    void functionalArgumentsInPythonOrder() {
        Tensor weight = tensor(new float[] {10, 11, 20, 21}, 2, 2);
        assertArrayEquals(new float[] {20, 21, 10, 11},
                Functional.embedding(tensor(new long[] {1, 0}), weight).toFloatArray());   // rows 1 then 0
        Tensor x = tensor(new float[] {1, 2, 3, 4}, 2, 2);
        // eval-mode batch norm with mean 0, var 1: x / sqrt(1 + eps)
        Tensor y = Functional.batchNorm(x, zeros(2), ones(2), null, null, false, 0.1, 1e-5, false);
        float[] v = y.toFloatArray();
        for (int k = 0; k < 4; k++) {
            assertEquals((k + 1) / Math.sqrt(1 + 1e-5), v[k], 1e-6);
        }
    }

    /** Hand-written Python composites of F: expected values printed by PyTorch 1.13 for the same inputs. */
    @Test
    void functionalComposites() {
        Tensor x = tensor(new float[] {-1f, 0.5f, 2f, 3f, -0.25f, 1f}, 2, 3);
        Tensor t = tensor(new float[] {1, 0, 1, 0, 1, 1}, 2, 3);
        assertClose(new double[] {-0.5, 0.3333333432674408, 0.6666666865348816, 0.75, -0.20000000298023224, 0.5},
                Functional.softsign(x));
        assertClose(new double[] {-0.23840582370758057, 0.037882834672927856, 1.0359723567962646, 2.0049452781677246,
            -0.005081340670585632, 0.23840582370758057}, Functional.tanhshrink(x));
        assertClose(new double[] {0.785597026348114, 0.17529039084911346, 0.03911257162690163, 0.02925739251077175,
            0.7545580863952637, 0.21618451178073883}, Functional.softmin(x, 1));
        assertClose(new double[] {-0.4364357590675354, 0.2182178795337677, 0.8728715181350708, 0.9457324743270874,
            -0.07881104201078415, 0.3152441680431366}, Functional.normalize(x));
        assertClose(new double[] {1.1003425121307373}, Functional.multilabelSoftMarginLoss(x, t));
        assertClose(new double[] {0.8047556281089783, 1.3959294557571411},
                Functional.multilabelSoftMarginLoss(x, t, null, Reduction.NONE));
        assertClose(new double[] {8.124038696289062, 11.747340202331543, 23.366641998291016, 27.312999725341797},
                Functional.lpPool2d(arange(1.0, 17.0, 1.0).reshape(1, 1, 4, 4), 2.0, 2));
        assertClose(new double[] {2.0800838470458984, 4.497941493988037, 6.986368179321289},
                Functional.lpPool1d(arange(1.0, 7.0, 1.0).reshape(1, 1, 6), 3.0, 2));
    }

    private static void assertClose(double[] expected, Tensor actual) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void rangeWithAFractionalStepAndAnIntegralDtypeIsRefused() {
        // LibTorch 2.10 truncates the step to 0 and divides by it (SIGFPE, fuzz seed 3365)
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Torch.range(0.0, 5.0, 0.5, DType.INT64));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("step must be nonzero"), e.getMessage());
        try (Scope s = Scope.open()) {
            org.junit.jupiter.api.Assertions.assertEquals(6, Torch.range(0.0, 5.0, 1.0, DType.INT64).numel());
            org.junit.jupiter.api.Assertions.assertEquals(11, Torch.range(0.0, 5.0, 0.5, DType.FLOAT64).numel());
        }
    }

    @Test
    void matrixPowerOfTheSmallestLongIsRefusedAndOthersRun() {
        // -Long.MIN_VALUE overflows to itself: LibTorch's squaring loop never ended (fuzz seed 3373; PyTorch 1.13 hangs too)
        try (Scope s = Scope.open()) {
            Tensor a = Torch.eye(2).mul(2.0);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> a.matrixPower(Long.MIN_VALUE));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("matrixPower: n must be greater than"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Torch.matrixPower(a, Long.MIN_VALUE));
            org.junit.jupiter.api.Assertions.assertEquals(0.5, a.matrixPower(-1).max().item(), 1e-6);
            org.junit.jupiter.api.Assertions.assertEquals(8.0, a.matrixPower(3).max().item(), 1e-6);
        }
    }

    @Test
    void embeddingBagWithAnUnknownModeIsRefused() {
        // LibTorch 2.10 (and PyTorch 1.13) index their kernels with mode unchecked: 3 was SIGSEGV (fuzz seed 9125)
        try (Scope s = Scope.open()) {
            Tensor w = Torch.randn(2, 3);
            Tensor i = Torch.arange(2);
            for (long mode : new long[] {3, -1, Long.MAX_VALUE}) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> Torch.embeddingBag(w, i, i, true, mode, true));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("mode must be 0 (sum), 1 (mean) or 2 (max)"), e.getMessage());
            }
            // the valid modes still run: sum of rows 0 and 1 in bag 1 (offsets [0, 1]: bag 0 is row 0)
            Tensor sum = Torch.embeddingBag(w, i, i, false, 0).first();
            org.junit.jupiter.api.Assertions.assertTrue(sum.select(0, 1).equal(w.select(0, 1)));
        }
    }

    @Test
    void chooseQparamsOptimizedRefusesBinsAndRatiosItWouldLoopOn() {
        // LibTorch 2.10 looped for good on n_bins -1 with ratio 1e300 (fuzz seed 15559)
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(3, 2);
            for (double[] bad : new double[][] {{-1, 1e300}, {-1, 0.16}, {200, 1e300}, {200, -0.5}, {200, Double.NaN}, {1L << 40, 0.16}}) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> Torch.chooseQparamsOptimized(x, 2, (long) bad[0], bad[1], 5));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("chooseQparamsOptimized: "), e.getMessage());
            }
            // PyTorch's defaults still run
            org.torch4j.Tensors2 qp = Torch.chooseQparamsOptimized(x, 6, 200, 0.16, 8);
            org.junit.jupiter.api.Assertions.assertEquals(1, qp.first().numel());
            org.junit.jupiter.api.Assertions.assertEquals(1, qp.second().numel());
        }
    }
}
