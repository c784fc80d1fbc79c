package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The safety net's queue is drained by the allocating thread when the cleaner thread cannot run
 * (here it is kept busy by a blocking action, as a loaded machine keeps it unscheduled), and every
 * action runs exactly once whoever takes it.
 */
class SafetyNetTest {

    @Test
    void callerFreesWhatTheGcFoundWhileTheCleanerThreadIsStuck() throws Exception {
        SafetyNet net = new SafetyNet("test-cleaner");
        CountDownLatch daemonBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();
        try {
            net.register(new Object(), () -> {
                daemonBusy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (daemonBusy.getCount() > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(5);
            }
            assertEquals(0, daemonBusy.getCount(), "the daemon thread took the blocking action");

            for (int i = 0; i < 100; i++) {
                net.register(new Object(), () -> {
                    runs.incrementAndGet();
                    ranOn.add(Thread.currentThread().getName());
                });
            }
            System.gc();
            int drained = 0;
            while (runs.get() < 100 && System.nanoTime() < deadline) {
                drained += net.drain(10);
            }
            assertEquals(100, runs.get(), "every dropped owner's action ran while the daemon was stuck");
            assertEquals(100, drained);
            assertEquals(Set.of(Thread.currentThread().getName()), ranOn, "on the draining thread");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anActionRunsOnceWhetherCleanedExplicitlyOrDrained() throws Exception {
        SafetyNet net = new SafetyNet("test-cleaner-2");
        AtomicInteger runs = new AtomicInteger();
        Object owner = new Object();
        Cleaner.Cleanable c = net.register(owner, runs::incrementAndGet);
        c.clean();
        c.clean();
        assertEquals(1, runs.get());
        owner = null;
        System.gc();
        assertEquals(0, net.drain(50), "a cleaned reference is not queued again");
        assertEquals(1, runs.get());

        AtomicInteger failing = new AtomicInteger();
        net.register(new Object(), () -> {
            failing.incrementAndGet();
            throw new IllegalStateException("an action that fails");
        });
        net.register(new Object(), runs::incrementAndGet);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((failing.get() == 0 || runs.get() < 2) && System.nanoTime() < deadline) {
            System.gc();
            net.drain(10);
        }
        assertEquals(1, failing.get());
        assertEquals(2, runs.get(), "a failing action does not stop the others");
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
