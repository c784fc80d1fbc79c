package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the recorded parity cases (IndexParityTest) cannot show: views share storage, autograd
 * flows through indexing, Java-side misuse gets Java exceptions, and nothing leaks.
 */
class IndexingTest {
    @Test
    void basicIndexingGivesViews() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.zeros(3, 4);
            x.index(1).fill_(5);
            x.index(Slice.ALL, Slice.of(2, 4)).fill_(7);
            x.index(Tensor.NONE, 0, Tensor.ELLIPSIS).fill_(1); // None rewritten as unsqueeze: still a view
            // python: x = torch.zeros(3, 4); x[1] = 5; x[:, 2:4] = 7; x[None, 0, ...] = 1
            assertArrayEquals(new float[] {1, 1, 1, 1, 5, 5, 7, 7, 0, 0, 7, 7}, x.toFloatArray());
        }
    }

    @Test
    void advancedIndexingCopies() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.zeros(3);
            x.index(new long[] {0, 2}).fill_(9);
            assertArrayEquals(new float[] {0, 0, 0}, x.toFloatArray());
        }
    }

    @Test
    void gradientsFlowThroughIndexing() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.ones(2, 3).requiresGrad(true);
            Tensor mask = Torch.tensor(new boolean[] {true, false, true});
            x.index(Slice.ALL, mask).sum().add(x.index(1, Tensor.NONE, new long[] {0, 0}).sum()).backward();
            // python: x.grad after (x[:, mask].sum() + x[1, None, [0, 0]].sum()).backward()
            assertArrayEquals(new float[] {1, 0, 1, 3, 0, 1}, x.grad().toFloatArray());
            assertEquals("SelectBackward0", x.index(0).gradFn()); // python: torch.ones(2, 3, requires_grad=True)[0].grad_fn
        }
    }

    @Test
    void misuseIsReportedInJava() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.zeros(3, 4);
            assertThrows(NullPointerException.class, () -> x.index((Object) null));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.index(1.5));
            assertTrue(e.getMessage().contains("Double"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Slice.of(0, 3, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> x.index(Tensor.ELLIPSIS, 0, Tensor.ELLIPSIS));
            IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class, () -> x.index(0, 7));
            assertTrue(oob.getMessage().contains("index 7 is out of bounds for dimension 1 with size 4"), oob.getMessage());
            Tensor closed = Torch.tensor(new long[] {0});
            closed.close();
            assertThrows(IllegalStateException.class, () -> x.index(closed));
            assertThrows(IllegalStateException.class, () -> x.indexPut_(closed, 0));
        }
    }

    @Test
    void indexingDoesNotLeak() {
        long base = Torch.liveTensorCount();
        Tensor x = Torch.randn(4, 5);
        Tensor mask = x.index(Slice.ALL, 0).unscoped();
        for (int i = 0; i < 300; i++) {
            try (Scope s = Scope.open()) {
                x.index(Tensor.NONE, Slice.of(1, 3), new long[] {0, 4});
                x.indexPut_(0.5, new boolean[] {true, false, true, false});
                x.indexPut_(Torch.ones(5), -1);
            }
            x.index(1, Tensor.NONE).close();
        }
        assertEquals(base + 2, Torch.liveTensorCount());
        mask.close();
        x.close();
        assertEquals(base, Torch.liveTensorCount());
    }
}
