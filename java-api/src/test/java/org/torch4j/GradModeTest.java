package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.torch4j.autograd.Grad;

class GradModeTest {
    @Test
    void restoredAfterExceptionInsideBlock() {
        assertTrue(Grad.isEnabled());
        assertThrows(IllegalStateException.class, () -> Grad.noGrad((Runnable) () -> {
            assertFalse(Grad.isEnabled());
            throw new IllegalStateException("boom");
        }));
        assertTrue(Grad.isEnabled());
        assertThrows(TorchException.class, () -> {
            try (var g = Grad.noGrad()) {
                Torch.ones(3).add(Torch.ones(4));
            }
        });
        assertTrue(Grad.isEnabled());
    }

    @Test
    void nestedGuardsRestoreInOrder() {
        try (var off = Grad.noGrad()) {
            assertFalse(Grad.isEnabled());
            try (var on = Grad.enableGrad()) {
                assertTrue(Grad.isEnabled());
            }
            assertFalse(Grad.isEnabled());
        }
        assertTrue(Grad.isEnabled());
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        CountDownLatch otherChecked = new CountDownLatch(1);
        AtomicBoolean otherSawEnabled = new AtomicBoolean();
        try (var g = Grad.noGrad()) {
            Thread t = new Thread(() -> {
                otherSawEnabled.set(Grad.isEnabled());
                otherChecked.countDown();
            });
            t.start();
            otherChecked.await();
            t.join();
            assertFalse(Grad.isEnabled());
        }
        assertTrue(otherSawEnabled.get(), "another thread must not see this thread's no-grad mode");
    }

    @Test
    void guardClosedOnAnotherThreadIsRejected() throws Exception {
        var g = Grad.noGrad();
        try {
            AtomicBoolean rejected = new AtomicBoolean();
            Thread t = new Thread(() -> {
                try {
                    g.close();
                } catch (IllegalStateException e) {
                    rejected.set(true);
                }
            });
            t.start();
            t.join();
            assertTrue(rejected.get());
            assertFalse(Grad.isEnabled());
        } finally {
            g.close();
        }
        assertTrue(Grad.isEnabled());
        assertEquals(true, Grad.noGrad(() -> !Grad.isEnabled()));
    }
}
