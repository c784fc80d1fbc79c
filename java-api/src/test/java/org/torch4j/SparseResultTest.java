package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * An op returning a sparse tensor outside any Scope: adopting it asked for {@code nbytes()}, which
 * sparse layouts do not define, so the call threw after counting the tensor, which was then never
 * freed (found by the fuzz, seed 412). It must return a tensor that closes normally.
 */
class SparseResultTest {
    @Test
    void unscopedSparseResultIsOwnedAndFreed() {
        long live0 = Torch.liveTensorCount();
        Tensor dense = Torch.ones(3);
        Tensor sparse = dense.toSparse();
        assertEquals(3, sparse.numel());
        assertEquals(live0 + 2, Torch.liveTensorCount());
        sparse.close();
        dense.close();
        assertEquals(live0, Torch.liveTensorCount());
    }
}
