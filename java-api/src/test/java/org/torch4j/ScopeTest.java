package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.liveTensorCount;
import static org.torch4j.Torch.ones;

import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void closingAScopeFreesWhatWasMadeInIt() {
        long base = liveTensorCount();
        Tensor a;
        Tensor b;
        try (Scope s = Scope.open()) {
            a = ones(3);
            b = a.add(1.0).mul(2.0);
            assertEquals(base + 3, liveTensorCount());
            assertEquals(3, s.size());
        }
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
        assertEquals(base, liveTensorCount());
    }

    @Test
    void keepMovesToTheEnclosingScopeOrOutOfAll() {
        long base = liveTensorCount();
        Tensor kept;
        try (Scope outer = Scope.open()) {
            Tensor inner;
            try (Scope in = Scope.open()) {
                inner = ones(2).add(1.0).keep();
                ones(5);
            }
            assertFalse(inner.isClosed(), "kept tensor survives the inner scope");
            assertEquals(base + 1, liveTensorCount());
            kept = ones(1).keep();
            assertEquals(2, inner.sum().item() / 2);
        }
        assertFalse(kept.isClosed(), "kept from the outermost scope: unscoped");
        assertEquals(base + 1, liveTensorCount());
        kept.close();
        assertEquals(base, liveTensorCount());
    }

    @Test
    void closingAnOuterScopeClosesInnerOnesLeftOpen() {
        long base = liveTensorCount();
        Scope outer = Scope.open();
        Scope inner = Scope.open();
        Tensor t = ones(1);
        outer.close();
        assertTrue(t.isClosed());
        inner.close(); // already closed through outer: no-op
        assertEquals(base, liveTensorCount());
        Tensor after = ones(1);
        assertFalse(after.isClosed());
        after.close();
    }

    @Test
    void closingTwiceAndManualCloseInsideAScopeAreSafe() {
        long base = liveTensorCount();
        try (Scope s = Scope.open()) {
            Tensor t = ones(1);
            t.close();
            t.close();
            assertEquals(base, liveTensorCount());
            s.close();
            s.close();
        }
        assertEquals(base, liveTensorCount());
    }

    @Test
    void unscopedTensorsLiveUntilClosed() {
        long base = liveTensorCount();
        Tensor t = ones(4);
        assertTrue(Torch.unscopedBytes() >= 16);
        try (Scope s = Scope.open()) {
            t.add_(1.0);
        }
        assertFalse(t.isClosed());
        assertEquals(2, t.toFloatArray()[0]);
        t.close();
        assertEquals(base, liveTensorCount());
    }

    @Test
    void scopeBelongsToItsThread() throws Exception {
        Scope s = Scope.open();
        try {
            Throwable[] seen = new Throwable[1];
            Thread th = new Thread(() -> {
                try {
                    s.close();
                } catch (Throwable e) {
                    seen[0] = e;
                }
            });
            th.start();
            th.join();
            assertTrue(seen[0] instanceof IllegalStateException);
            // tensors made on another thread do not land in this thread's scope
            Tensor[] other = new Tensor[1];
            Thread maker = new Thread(() -> other[0] = ones(1));
            maker.start();
            maker.join();
            s.close();
            assertFalse(other[0].isClosed());
            other[0].close();
        } finally {
            s.close();
        }
        assertThrows(IllegalStateException.class, () -> {
            Tensor t;
            try (Scope x = Scope.open()) {
                t = ones(1);
            }
            t.add(1.0);
        });
    }
}
