package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scope bookkeeping: what is freed when, and that the live counter returns to its baseline. */
class ScopeBookkeepingTest {
    @Test
    void freesEverythingMadeInside() {
        long base = Torch.liveTensorCount();
        Tensor a;
        Tensor last;
        try (Scope s = Scope.open()) {
            a = Torch.ones(3);
            last = a;
            for (int i = 0; i < 100; i++) { // grows past the scope's first array
                last = last.add(1.0);
            }
            assertEquals(101, s.size());
            assertEquals(base + 101, Torch.liveTensorCount());
            assertEquals(101.0 * 3, last.sum().item());
        }
        assertTrue(a.isClosed());
        assertTrue(last.isClosed());
        assertEquals(base, Torch.liveTensorCount());
        assertThrows(IllegalStateException.class, a::numel);
    }

    @Test
    void oneTensorScopeAndExplicitCloseInside() {
        long base = Torch.liveTensorCount();
        for (int i = 0; i < 1000; i++) {
            try (Scope s = Scope.open()) {
                Tensor t = Torch.ones(2);
                if (i % 2 == 0) {
                    t.close(); // closed early: the scope must not count it twice
                }
            }
        }
        assertEquals(base, Torch.liveTensorCount());
    }

    @Test
    void keepMovesToTheEnclosingScopeThenOut() {
        long base = Torch.liveTensorCount();
        Tensor kept;
        Tensor escaped;
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                kept = Torch.ones(2).keep();
                escaped = Torch.zeros(2).keep().keep();
                Torch.ones(5);
            }
            assertFalse(kept.isClosed());
            assertFalse(escaped.isClosed());
            assertEquals(base + 2, Torch.liveTensorCount());
        }
        assertTrue(kept.isClosed());
        assertFalse(escaped.isClosed());
        escaped.close();
        assertEquals(base, Torch.liveTensorCount());
    }

    @Test
    void closingTheOuterScopeClosesInnerOnesAndRestoresNoScope() {
        long base = Torch.liveTensorCount();
        Scope outer = Scope.open();
        Tensor a = Torch.ones(1);
        Scope inner = Scope.open();
        Tensor b = Torch.ones(1);
        outer.close();
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
        inner.close(); // already closed: no-op
        outer.close();
        assertEquals(null, Scope.current());
        assertEquals(base, Torch.liveTensorCount());
        Tensor free = Torch.ones(1); // no scope open: unscoped
        assertEquals(null, free.scope);
        free.close();
        assertEquals(base, Torch.liveTensorCount());
    }

    @Test
    void aScopeBelongsToItsThread() throws Exception {
        Scope s = Scope.open();
        try {
            Thread t = new Thread(() -> assertThrows(IllegalStateException.class, s::close));
            t.start();
            t.join();
            Thread t2 = new Thread(() -> assertEquals(null, Scope.current()));
            t2.start();
            t2.join();
        } finally {
            s.close();
        }
    }
}
