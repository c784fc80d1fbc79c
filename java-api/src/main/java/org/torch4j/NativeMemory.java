package org.torch4j;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bookkeeping behind the memory model: the live-tensor counter, and the safety net for tensors
 * that live outside any {@link Scope}.
 *
 * <p>Scoped tensors are freed when their scope closes; nothing here runs for them but a counter
 * increment. An unscoped tensor gets a {@link Cleaner} registration, so it is freed when it
 * becomes unreachable, and its bytes are added to {@link #unscopedBytes}. Native memory is
 * invisible to the Java GC, so when those bytes pass {@link #gcThreshold} we ask for a GC (as
 * {@code java.nio} does for direct buffers) and free what it found unreachable on the allocating
 * thread itself ({@link SafetyNet#drain}), not waiting for the cleaner thread to be scheduled. The
 * threshold is {@code -Dtorch4j.gcThresholdBytes} (default 256 MB) and adapts upwards when the
 * live unscoped set is legitimately larger, so a big model does not cause a GC storm.
 */
final class NativeMemory {
    static final LongAdder LIVE = new LongAdder();
    static final AtomicLong UNSCOPED_BYTES = new AtomicLong();
    static final SafetyNet CLEANER = new SafetyNet("torch4j-cleaner");

    private static final long BASE_THRESHOLD = Long.getLong("torch4j.gcThresholdBytes", 256L << 20);
    private static volatile long gcThreshold = BASE_THRESHOLD;
    private static final ReentrantLock GC_LOCK = new ReentrantLock();
    private static final LongAdder GC_REQUESTS = new LongAdder();

    private NativeMemory() {
    }

    /** Called after an unscoped tensor of {@code bytes} was registered. */
    static void addUnscoped(long bytes) {
        if (UNSCOPED_BYTES.addAndGet(bytes) > gcThreshold) {
            collect();
        }
    }

    private static void collect() {
        if (!GC_LOCK.tryLock()) {
            return; // another thread is already collecting
        }
        try {
            if (UNSCOPED_BYTES.get() <= gcThreshold) {
                return;
            }
            GC_REQUESTS.increment();
            System.gc();
            long deadline = System.nanoTime() + 200_000_000L;
            long target = gcThreshold / 2;
            // free what the GC found unreachable on this thread: under load the cleaner thread may
            // not run for a while, and bytes still counted would be taken for reachable below
            while (UNSCOPED_BYTES.get() > target && System.nanoTime() < deadline) {
                CLEANER.drain(1);
            }
            CLEANER.drain(0);
            long now = UNSCOPED_BYTES.get();
            // what survived a GC is reachable: trigger again only once it has doubled
            gcThreshold = Math.max(BASE_THRESHOLD, now * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            GC_LOCK.unlock();
        }
    }

    /** The safety net for a native owner other than a tensor (see {@code Native.track}). */
    static Cleaner.Cleanable track(Object owner, Runnable free, long bytes) {
        Cleaner.Cleanable c = CLEANER.register(owner, new Untrack(free, bytes));
        addUnscoped(bytes);
        return c;
    }

    private static final class Untrack implements Runnable {
        private final Runnable free;
        private final long bytes;

        Untrack(Runnable free, long bytes) {
            this.free = free;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            try {
                free.run();
            } finally {
                UNSCOPED_BYTES.addAndGet(-bytes);
            }
        }
    }

    static long gcRequests() {
        return GC_REQUESTS.sum();
    }
}
