package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.arange;
import static org.torch4j.Torch.full;
import static org.torch4j.Torch.linspace;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.ones;
import static org.torch4j.Torch.rand;
import static org.torch4j.Torch.randn;
import static org.torch4j.Torch.scalar;
import static org.torch4j.Torch.tensor;
import static org.torch4j.Torch.zeros;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.autograd.Grad;

/** Values are checked against what PyTorch computes for the same expressions (noted inline). */
class TensorTest {
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
    void creationFromJavaArrays() {
        Tensor f = tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new long[] {2, 3}, f.shape());
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f.toFloatArray());
        Tensor d = tensor(new double[] {0.1, 0.2});
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[] {0.1, 0.2}, d.toDoubleArray());
        Tensor l = tensor(new long[] {7, -8, 9});
        assertEquals(DType.INT64, l.dtype());
        assertArrayEquals(new long[] {7, -8, 9}, l.toLongArray());
        assertEquals(Device.CPU, l.device());
    }

    @Test
    void factories() {
        assertArrayEquals(new float[] {0, 0, 0}, zeros(3).toFloatArray());
        assertArrayEquals(new float[] {1, 1}, ones(2).toFloatArray());
        Tensor s = full(new long[0], 0.3);
        assertEquals(0, s.dim());
        assertEquals(0.30000001192092896, s.item()); // float(torch.full((), 0.3))
        assertArrayEquals(new long[] {0, 1, 2, 3}, arange(4).toLongArray());
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f}, Torch.arange(0.0, 2.0, 0.5).toFloatArray());
        Tensor x = linspace(-Math.PI, Math.PI, 2000);
        assertEquals(2000, x.numel());
        assertEquals((float) -Math.PI, x.get(0).itemFloat());
        assertEquals((float) Math.PI, x.get(1999).itemFloat());
        assertEquals(DType.FLOAT64, zeros(DType.FLOAT64, 2).dtype());
        assertEquals(2.5, scalar(2.5).item());
    }

    @Test
    void seededRandomMatchesPyTorch() {
        // torch.manual_seed(0); [torch.randn(()).item() for _ in range(4)]
        manualSeed(0);
        assertEquals(1.5409960746765137, randn().item());
        assertEquals(-0.293428897857666, randn().item());
        assertEquals(-2.1787893772125244, randn().item());
        assertEquals(0.5684312582015991, randn().item());
        manualSeed(0);
        Tensor u = rand(1000);
        assertTrue(u.min().item() >= 0 && u.max().item() < 1);
    }

    @Test
    void elementwiseMath() {
        Tensor x = tensor(new float[] {1, 4, 9});
        assertArrayEquals(new float[] {1, 2, 3}, x.sqrt().toFloatArray());
        assertArrayEquals(new float[] {2, 5, 10}, x.add(1).toFloatArray());
        assertArrayEquals(new float[] {0, 3, 8}, x.sub(1.0).toFloatArray());
        assertArrayEquals(new float[] {2, 8, 18}, x.mul(2.0).toFloatArray());
        assertArrayEquals(new float[] {0.5f, 2, 4.5f}, x.div(2.0).toFloatArray());
        assertArrayEquals(new float[] {1, 64, 729}, x.pow(3).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3}, x.pow(0.5).toFloatArray());
        assertArrayEquals(new float[] {-1, -4, -9}, x.neg().toFloatArray());
        assertArrayEquals(new float[] {1, 4, 9}, x.neg().abs().toFloatArray());
        assertArrayEquals(new float[] {2, 8, 18}, x.add(x).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0}, x.sub(x).toFloatArray());
        assertArrayEquals(new float[] {1, 16, 81}, x.mul(x).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, x.div(x).toFloatArray());
        assertArrayEquals(new float[] {1, 16, 81}, x.pow(tensor(new float[] {2, 2, 2})).toFloatArray());
        Tensor z = zeros(2);
        assertArrayEquals(new float[] {0, 0}, z.sin().toFloatArray());
        assertArrayEquals(new float[] {1, 1}, z.cos().toFloatArray());
        assertArrayEquals(new float[] {1, 1}, z.exp().toFloatArray());
        assertArrayEquals(new float[] {0, 0}, ones(2).log().toFloatArray());
        // float(torch.tensor(1.0).exp()) == 2.7182817459106445
        assertEquals(2.7182817459106445, ones(1).exp().item());
        // Kotlin operator names delegate
        assertArrayEquals(x.add(x).toFloatArray(), x.plus(x).toFloatArray());
        assertArrayEquals(x.neg().toFloatArray(), x.unaryMinus().toFloatArray());
    }

    @Test
    void broadcastingLikePyTorch() {
        Tensor col = tensor(new float[] {1, 2}, 2, 1);
        Tensor row = tensor(new float[] {10, 20, 30});
        Tensor sum = col.add(row);
        assertArrayEquals(new long[] {2, 3}, sum.shape());
        assertArrayEquals(new float[] {11, 21, 31, 12, 22, 32}, sum.toFloatArray());
    }

    @Test
    void reductions() {
        Tensor m = tensor(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21, m.sum().item());
        assertEquals(3.5, m.mean().item());
        assertEquals(6, m.max().item());
        assertEquals(1, m.min().item());
        assertArrayEquals(new float[] {5, 7, 9}, m.sum(0).toFloatArray());
        assertArrayEquals(new float[] {3, 4}, m.mean(1).toFloatArray());
        assertArrayEquals(new long[] {2, 1}, m.sum(new long[] {1}, true).shape());
        try (ValuesIndices mx = m.max(1, false)) {
            assertArrayEquals(new float[] {5, 6}, mx.values().toFloatArray());
            assertArrayEquals(new long[] {1, 2}, mx.indices().toLongArray());
        }
        try (ValuesIndices mn = m.min(0, true)) {
            assertArrayEquals(new float[] {1, 2, 3}, mn.values().toFloatArray());
            assertArrayEquals(new long[] {0, 1, 0}, mn.indices().toLongArray());
            assertArrayEquals(new long[] {1, 3}, mn.values().shape());
        }
    }

    @Test
    void shapeOps() {
        Tensor x = arange(6);
        assertArrayEquals(new long[] {2, 3}, x.reshape(2, 3).shape());
        assertArrayEquals(new long[] {3, 2}, x.view(3, -1).shape());
        assertArrayEquals(new long[] {6, 1}, x.unsqueeze(-1).shape());
        assertArrayEquals(new long[] {1, 6}, x.unsqueeze(0).shape());
        assertArrayEquals(new long[] {6}, x.unsqueeze(0).squeeze().shape());
        assertArrayEquals(new long[] {6}, x.unsqueeze(1).squeeze(1).shape());
        assertArrayEquals(new long[] {6}, x.reshape(2, 3).flatten().shape());
        assertArrayEquals(new long[] {2, 3}, x.reshape(2, 3, 1).flatten(1, 2).shape());
        Tensor t = x.reshape(2, 3).transpose(0, 1);
        assertArrayEquals(new long[] {3, 2}, t.shape());
        assertArrayEquals(new long[] {0, 3, 1, 4, 2, 5}, t.toLongArray());
        assertArrayEquals(new long[] {0, 3, 1, 4, 2, 5}, x.reshape(2, 3).t().toLongArray());
        assertEquals(3, x.reshape(2, 3).size(-1));
        assertEquals(2, x.reshape(2, 3).dim());
    }

    @Test
    void indexingAndSlices() {
        Tensor w = tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {4, 5, 6}, w.select(0, 1).toFloatArray());
        assertArrayEquals(new float[] {4, 5, 6}, w.get(-1).toFloatArray());
        assertEquals(6, w.get(1, 2).item());
        // weight[:, 0]
        Tensor col0 = w.index(Slice.ALL, 0);
        assertArrayEquals(new long[] {2}, col0.shape());
        assertArrayEquals(new float[] {1, 4}, col0.toFloatArray());
        // w[:, 1:]
        assertArrayEquals(new float[] {2, 3, 5, 6}, w.index(Slice.ALL, Slice.from(1)).toFloatArray());
        // w[0, ::2]
        assertArrayEquals(new float[] {1, 3}, w.index(0, Slice.of(0, 3, 2)).toFloatArray());
        assertArrayEquals(new float[] {1, 2}, w.index(0, Slice.to(2)).toFloatArray());
        // a slice is a view: writing through it changes the original (as in PyTorch)
        w.index(Slice.ALL, 0).fill_(9);
        assertArrayEquals(new float[] {9, 2, 3, 9, 5, 6}, w.toFloatArray());
        assertArrayEquals(new float[] {2, 3}, w.narrow(1, 1, 2).get(0).toFloatArray());
    }

    @Test
    void matmul() {
        Tensor a = tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = tensor(new float[] {5, 6, 7, 8}, 2, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, a.matmul(b).toFloatArray());
        Tensor v = tensor(new float[] {1, 1});
        assertArrayEquals(new float[] {3, 7}, a.matmul(v).toFloatArray());
    }

    @Test
    void conversions() {
        Tensor x = tensor(new float[] {1.5f, -2.25f});
        Tensor d = x.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[] {1.5, -2.25}, d.toDoubleArray());
        assertArrayEquals(new long[] {1, -2}, x.to(DType.INT64).toLongArray());
        assertEquals(Device.CPU, x.to(Device.CPU).device());
        Tensor one = tensor(new float[] {0.1f});
        assertEquals(0.1f, one.itemFloat());
        assertEquals(0.10000000149011612, one.itemDouble());
        assertEquals(0.10000000149011612, one.item());
        assertEquals(7, tensor(new long[] {7}).itemLong());
    }

    @Test
    void inPlaceOpsReturnThisAndMutate() {
        Tensor x = tensor(new float[] {1, 2});
        assertSame(x, x.add_(tensor(new float[] {1, 1})));
        assertSame(x, x.mul_(3.0));
        assertSame(x, x.sub_(1.0));
        assertArrayEquals(new float[] {5, 8}, x.toFloatArray());
        assertSame(x, x.add_(tensor(new float[] {2, 2}), -0.5));
        assertArrayEquals(new float[] {4, 7}, x.toFloatArray());
        assertSame(x, x.div_(2.0));
        assertArrayEquals(new float[] {2, 3.5f}, x.toFloatArray());
        assertSame(x, x.zero_());
        assertArrayEquals(new float[] {0, 0}, x.toFloatArray());
    }

    @Test
    void detachAndCloneOwnTheirResults() {
        Tensor x = tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2.0);
        Tensor det = y.detach();
        assertFalse(det.requiresGrad());
        assertTrue(y.requiresGrad());
        Tensor c = x.clone();
        assertTrue(c.requiresGrad());
        assertFalse(c.isLeaf());
        Tensor plain = tensor(new float[] {1, 2});
        Tensor copy = plain.clone();
        copy.add_(1.0);
        assertArrayEquals(new float[] {1, 2}, plain.toFloatArray());
        assertTrue(plain.equal(tensor(new float[] {1, 2})));
        assertTrue(plain.allclose(tensor(new float[] {1, 2.0000001f}), 1e-5, 1e-8));
    }

    @Test
    void autogradBasics() {
        Tensor a = scalar(2.0).requiresGrad(true);
        assertTrue(a.isLeaf());
        assertNull(a.grad(), "no grad before backward");
        Tensor loss = a.pow(3).mul(scalar(2.0)); // d/da 2a^3 = 6a^2 = 24
        assertFalse(loss.isLeaf());
        assertEquals("MulBackward0", loss.gradFn());
        loss.backward();
        assertEquals(24.0, a.grad().item());
        // grads accumulate, as in PyTorch
        a.pow(2).backward();
        assertEquals(28.0, a.grad().item());
        // p.grad = None
        a.setGrad(null);
        assertNull(a.grad());
        // retain_graph allows a second backward through the same graph
        Tensor l2 = a.mul(a);
        l2.backward(true);
        l2.backward(false);
        assertEquals(8.0, a.grad().item());
        // a grad handed out stays valid after the grad is cleared
        Tensor g = a.grad();
        a.setGrad(null);
        assertEquals(8.0, g.item());
        // non-scalar backward with an explicit gradient
        Tensor v = tensor(new float[] {1, 2, 3}).requiresGrad(true);
        v.mul(v).backward(ones(3), false);
        assertArrayEquals(new float[] {2, 4, 6}, v.grad().toFloatArray());
        // retain_grad on a non-leaf
        Tensor h = v.mul(3.0).retainGrad();
        h.sum().backward();
        assertArrayEquals(new float[] {1, 1, 1}, h.grad().toFloatArray());
    }

    @Test
    void noGradStopsRecording() {
        Tensor a = scalar(1.0).requiresGrad(true);
        Tensor y;
        try (var g = Grad.noGrad()) {
            y = a.mul(2.0);
            assertFalse(Grad.isEnabled());
        }
        assertTrue(Grad.isEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        Tensor z = Grad.noGrad(() -> a.add(1.0));
        assertFalse(z.requiresGrad());
        try (var g = Grad.noGrad(); var e = Grad.enableGrad()) {
            assertTrue(a.mul(2.0).requiresGrad());
        }
    }

    @Test
    void floatItemsPrintWithPythonDigits() {
        // print(torch.tensor(3238.300537109375).item()) -> 3238.300537109375
        Tensor loss = scalar(3238.300537109375);
        assertEquals("3238.300537109375", PyRepr.repr(loss.item()));
        assertEquals("3238.300537109375", PyRepr.repr(loss.itemFloat()));
        // float32(0.1) widened: Python prints 0.10000000149011612
        assertEquals("0.10000000149011612", PyRepr.repr(scalar(0.1).item()));
    }

    @Test
    void toStringIsReadable() {
        assertEquals("tensor([[1.0, 2.5], [-3.0, 4.0]])", tensor(new float[] {1, 2.5f, -3, 4}, 2, 2).toString());
        assertEquals("tensor(0.10000000149011612, requires_grad=True)", scalar(0.1).requiresGrad(true).toString());
        assertEquals("tensor([1, 2])", tensor(new long[] {1, 2}).toString());
        assertEquals("tensor([0.5], dtype=float64)", tensor(new double[] {0.5}).toString());
        Tensor a = scalar(1).requiresGrad(true);
        assertEquals("tensor(2.0, grad_fn=<MulBackward0>)", a.mul(scalar(2)).toString());
        String big = arange(5000).toString();
        assertTrue(big.startsWith("tensor([0, 1, 2, ..., 4997, 4998, 4999], shape=[5000]"), big);
        Tensor closed = zeros(1);
        closed.close();
        assertEquals("tensor(<closed>)", closed.toString());
    }
}
