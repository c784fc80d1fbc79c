package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.autograd.Grad;

/** Issue 14's misuse defects that need no fork: each must end in a documented Java exception. */
class MisuseRegressionTest {
    /** Defect 7: a huge thread count used to make LibTorch spawn threads until the JVM stalled. */
    @Test
    void setNumThreadsIsBoundedByAMultipleOfTheProcessors() {
        int before = Torch.getNumThreads();
        int max = Torch.maxNumThreads();
        assertEquals(Torch.MAX_THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors(), max);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.setNumThreads(1_000_000));
        assertTrue(e.getMessage().contains("between 1 and " + max), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.setNumThreads(max + 1));
        assertThrows(IllegalArgumentException.class, () -> Torch.setNumThreads(0));
        assertEquals(before, Torch.getNumThreads(), "a rejected call changes nothing");
        Torch.setNumThreads(before);
    }

    /** Defect 11c: an element count that overflows a long was an ArithmeticException. */
    @Test
    void anEmptyTensorDoesNotBecomeAOneDnnTensor() {
        // fuzz seed 5040: zeros(3, 0, 2).toMkldnn() then a view of it: SIGFPE in oneDNN's reorder
        try (Scope s = Scope.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.zeros(3, 0, 2).toMkldnn());
            assertTrue(e.getMessage().startsWith("toMkldnn: a tensor with no elements (float32[3, 0, 2])"), e.getMessage());
            assertEquals("Mkldnn", Torch.zeros(3, 1, 2).toMkldnn().unwrap().layout().toString().replace("kMkldnn", "Mkldnn"));
        }
    }

    @Test
    void shapeOverflowInTensorIsAnIllegalArgument() {
        long big = 1L << 40;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.tensor(new float[] {1f}, big, big, big));
        assertTrue(e.getMessage().startsWith("tensor: shape"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new long[] {1}, big, big));
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new double[] {1}, Long.MAX_VALUE, 2));
    }

    /**
     * Defect 8: a view made under no-grad whose base is then modified in place. PyTorch raises a
     * RuntimeError from {@code v.grad_fn} and from {@code repr(v)}; torch4j must throw its one-line
     * TorchException, never the presets' raw RuntimeException with C++ text.
     */
    @Test
    void invalidViewGradFnIsATorchException() {
        try (Scope s = Scope.open()) {
            Tensor base = Torch.randn(4).requiresGrad(true).mul(1.0);
            Tensor v;
            try (Grad.Guard g = Grad.noGrad()) {
                v = base.narrow(0, 0, 2);
            }
            base.mul_(2.0);
            TorchException e = assertThrows(TorchException.class, v::gradFn);
            assertTrue(e.getMessage().startsWith("gradFn: A view was created in no_grad mode"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
            assertThrows(TorchException.class, v::toString);
            // the metadata accessors keep working
            assertEquals(2, v.numel());
            assertEquals(DType.FLOAT32, v.dtype());
        }
    }

    /** Defect 9: setGrad validates as PyTorch's {@code x.grad = g} does. */
    @Test
    void setGradValidatesLikePyTorch() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(3).requiresGrad(true);
            IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> x.setGrad(x));
            assertTrue(self.getMessage().contains("its own grad"), self.getMessage());
            Tensor alias = Tensor.wrap(x.unwrap()); // a second torch4j reference to the same TensorImpl
            assertThrows(IllegalArgumentException.class, () -> x.setGrad(alias));
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> x.setGrad(Torch.zeros(4)));
            assertTrue(size.getMessage().contains("different size"), size.getMessage());
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> x.setGrad(Torch.zeros(DType.FLOAT64, 3)));
            assertTrue(type.getMessage().contains("different type"), type.getMessage());
            assertThrows(IllegalArgumentException.class, () -> x.setGrad(Torch.zeros(DType.INT64, 3)));
            assertEquals(null, x.grad(), "a rejected setGrad leaves the gradient unset");
            Tensor g = Torch.ones(3);
            x.setGrad(g);
            assertTrue(x.grad().equal(g));
            x.setGrad(null);
            assertEquals(null, x.grad());
        }
    }

    /**
     * Defect 10 (fuzz seed 534): a gradient with history is stored without it, so that history
     * cannot lead back to the tensor (x.grad = x * 2 kept x alive for ever, as it does in PyTorch);
     * the data is the value's own (same storage, in-place changes show through).
     */
    @Test
    void setGradKeepsTheValueWithoutItsHistory() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(3).requiresGrad(true);
            Tensor y = x.mul(2.0);
            x.setGrad(y);
            Tensor g = x.grad();
            assertEquals(null, g.gradFn());
            assertFalse(g.requiresGrad());
            assertTrue(g.equal(y));
            try (Grad.Guard off = Grad.noGrad()) {
                y.add_(1.0);
            }
            assertTrue(x.grad().equal(y), "the stored gradient shares the value's data");
            Tensor leaf = Torch.ones(3).requiresGrad(true);
            x.setGrad(leaf);
            assertTrue(x.grad().requiresGrad(), "a leaf value is stored as it is, as in PyTorch");
        }
    }

    /**
     * Defect 10 (fuzz seed 11064): an in-place op on grad() with an operand that has history changes
     * the gradient's data but gives the gradient no history (it would lead back to x: a cycle).
     */
    @Test
    void inPlaceOnGradChangesItsDataNotItsHistory() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(3).requiresGrad(true);
            Tensor y = x.mul(2.0).add(5.0);
            y.sum().backward(true);
            Tensor expected = Torch.full(new long[] {3}, 2.0, DType.FLOAT32).div(y.detach());
            Tensor g = x.grad();
            g.div_(y);
            assertTrue(x.grad().allclose(expected), "the gradient's data changed through the alias");
            assertEquals(null, x.grad().gradFn());
            assertFalse(x.grad().requiresGrad());
        }
    }

    /** Defect 9: setGrad(self) used to leak 4 MB per call; rejected, it holds nothing. */
    @Test
    void rejectedSelfGradHoldsNoMemory() {
        long before = Torch.liveTensorCount();
        try (Scope s = Scope.open()) {
            Tensor x = Torch.zeros(1 << 20).requiresGrad(true);
            for (int i = 0; i < 200; i++) {
                assertThrows(IllegalArgumentException.class, () -> x.setGrad(x));
            }
            assertEquals(null, x.grad());
        }
        assertEquals(before, Torch.liveTensorCount());
    }

    /** Defect 11d: the non-leaf grad() warning; here only that grad() of a non-leaf gives null (once-ness: ForkedRegressionTest). */
    @Test
    void nonLeafGradIsNull() {
        try (Scope s = Scope.open()) {
            Tensor y = Torch.randn(3).requiresGrad(true).mul(2.0);
            assertEquals(null, y.grad());
            y.retainGrad();
            y.sum().backward();
            assertNotEquals(null, y.grad());
        }
    }
}
