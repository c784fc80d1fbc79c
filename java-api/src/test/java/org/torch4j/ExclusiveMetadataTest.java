package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The single-thread face of the exclusive metadata calls (their races are {@code race/Races}:
 * metadataChangeVsUse, storageGrowthVsViewUse): a call whose receiver is also its argument does not
 * wait for itself, errors still describe the receiver, and a resize_ grows a storage only this
 * tensor uses, as PyTorch does, but refuses to grow one a view shares.
 */
class ExclusiveMetadataTest {
    @Test
    void theReceiverAsItsOwnArgumentDoesNotWaitForItself() {
        try (Scope s = Scope.open()) {
            Tensor t = Torch.tensor(new float[] {0, 1, 2, 3, 4, 5}).reshape(2, 3);
            assertSame(t, t.set_(t));
            assertSame(t, t.resizeAs_(t));
            assertSame(t, t.set_(t, 0, new long[] {3, 2}, 2, 1));
            assertArrayEquals(new long[] {3, 2}, t.shape());
            assertSame(t, TorchFunctions.resizeAs_(t, t)); // the torch.* form delegates to the method
        }
    }

    @Test
    void anErrorInsideAnExclusiveCallStillDescribesTheReceiver() {
        try (Scope s = Scope.open()) {
            Tensor t = Torch.zeros(2, 3);
            TorchException e = assertThrows(TorchException.class, () -> t.transpose_(0, 5));
            assertTrue(e.getMessage().contains("float32[2, 3]"), e.getMessage());
            assertArrayEquals(new long[] {2, 3}, t.shape());
            assertEquals(0.0, t.sum().item()); // usable afterwards: the exclusive lease was given back
        }
    }

    @Test
    void resizeGrowsAStorageOfItsOwnButNotOneAViewShares() {
        try (Scope s = Scope.open()) {
            Tensor base = Torch.tensor(new float[] {0, 1, 2, 3});
            Tensor view = base.view(2, 2);
            TorchException e = assertThrows(TorchException.class, () -> base.resize_(100));
            assertTrue(e.getMessage().contains("other tensors share that storage"), e.getMessage());
            assertArrayEquals(new long[] {4}, base.shape(), "the refused resize_ left the sizes as they were");
            assertEquals(6.0, view.sum().item(), "the view still reads the same memory");
            assertSame(base, base.resize_(2), "shrinking never reallocates: allowed with the view alive");
            assertEquals(1.0, base.sum().item());
            view.close();
            assertSame(base, base.resize_(100), "nothing shares the storage any more: it grows, as in PyTorch");
            assertArrayEquals(new long[] {100}, base.shape());
            assertEquals(1.0, base.narrow(0, 0, 2).sum().item(), "the old values were kept");
        }
    }

    @Test
    void setToALargerWindowOfASharedStorageIsRefusedAndLeavesBothTensorsIntact() {
        try (Scope s = Scope.open()) {
            Tensor source = Torch.tensor(new float[] {0, 1, 2, 3});
            Tensor t = Torch.zeros(1);
            TorchException e = assertThrows(TorchException.class, () -> t.set_(source, 0, 16));
            assertTrue(e.getMessage().contains("other tensors share that storage"), e.getMessage());
            assertArrayEquals(new long[] {1}, t.shape());
            assertArrayEquals(new long[] {4}, source.shape());
            assertEquals(6.0, source.sum().item());
            assertSame(t, t.set_(source, 1, 3), "a window inside the storage needs no growth");
            Tensor own = Torch.zeros(1);
            assertSame(own, own.set_(own, 0, 100), "a storage that only the receiver uses grows, as in PyTorch");
            assertArrayEquals(new long[] {100}, own.shape());
            assertEquals(6.0, t.sum().item());
        }
    }
}
