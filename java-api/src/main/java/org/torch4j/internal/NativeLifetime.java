package org.torch4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The lifetime of a native handle other than a tensor's (a store connection, a process group's
 * backend, a collective's work): {@code org.torch4j.Tensor}'s lease discipline for objects off the hot path.
 * Every native call on the handle runs between {@link #lease()} and {@link #release()} (in a
 * {@code finally}); {@link #close()} frees at once when no call is in flight, otherwise the last
 * release frees. So a close on another thread never frees the handle under a running call (a
 * blocking store read, a collective waiting for its peers), and every call after the close throws
 * what {@code closed} supplies. Whoever moves the state to FREED runs {@code free}, exactly once.
 *
 * <p>State, one int: bit 0 CLOSED (no new lease), bit 1 FREED, bits 2.. the calls in flight.
 */
public final class NativeLifetime {
    private static final int CLOSED = 1;
    private static final int FREED = 2;
    private static final int LEASE = 4;

    private final AtomicInteger state = new AtomicInteger();
    private final Runnable free;
    private final Supplier<? extends RuntimeException> closed;

    /** {@code free} releases the native handle; {@code closed} is what a call after close throws. */
    public NativeLifetime(Runnable free, Supplier<? extends RuntimeException> closed) {
        this.free = free;
        this.closed = closed;
    }

    /** Starts a call: the handle stays alive until the matching {@link #release()}. */
    public void lease() {
        int s = state.getAndAdd(LEASE);
        if ((s & CLOSED) != 0) {
            release();
            throw closed.get();
        }
    }

    /** Ends a call; frees the handle if it was closed meanwhile and this was the last call. */
    public void release() {
        int s = state.addAndGet(-LEASE);
        if (s == CLOSED && state.compareAndSet(CLOSED, CLOSED | FREED)) {
            free.run();
        }
    }

    /** Frees now, or when the last call in flight ends. Idempotent; later leases throw. */
    public void close() {
        int s = state.getAndUpdate(x -> x | CLOSED);
        if (s == 0 && state.compareAndSet(CLOSED, CLOSED | FREED)) {
            free.run();
        }
    }

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }
}
