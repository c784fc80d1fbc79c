package org.torch4j.distributed;

import java.time.Duration;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.torch4j.internal.NativeLifetime;
import org.torch4j.TorchException;

/**
 * {@code torch.distributed.Work}: the handle of an asynchronous collective ({@code async_op=True}).
 * The native tensor vectors it holds keep the tensors' storage alive until the operation ends, so
 * closing a torch4j tensor while its collective is in flight is safe (the data is then simply
 * unreachable). Every wait is bounded: {@link #waitFor()} uses the group's timeout. Once a wait
 * has seen the operation end (successfully or not), the native work and those vectors are freed
 * at once; a Work that is never waited for is freed by JavaCPP's collector.
 */
public final class Work {
    private final org.bytedeco.pytorch.Work handle;
    /** Frees the handle and the kept tensor vectors once the operation ended; null for {@link #completed}. */
    private final NativeLifetime lifetime;
    private final ProcessGroup group;
    private final String op;
    private Object keepAlive;
    private volatile boolean done;
    /** Runs once after a successful wait (allToAll copies its flat result into the output list). */
    private Runnable then;

    Work(org.bytedeco.pytorch.Work handle, ProcessGroup group, String op, Object keepAlive) {
        this.handle = handle;
        this.group = group;
        this.op = op;
        this.keepAlive = keepAlive;
        this.lifetime = handle == null ? null : new NativeLifetime(() -> {
            handle.close();
            closeAll(keepAlive);
        }, () -> new IllegalStateException(op + ": work already freed"));
    }

    /** Closes the native vectors (a TensorVector, or an array of them) that kept the tensors alive. */
    private static void closeAll(Object keep) {
        if (keep instanceof Pointer p) {
            p.close();
        } else if (keep instanceof Object[] a) {
            for (Object o : a) {
                closeAll(o);
            }
        }
    }

    /** Sets the action to run once after the operation succeeded, before waitFor returns; returns this. */
    Work then(Runnable action) {
        this.then = action;
        return this;
    }

    /** A Work that is already complete (the caller is not a member of the group: nothing to do). */
    static Work completed(String op) {
        Work w = new Work(null, null, op, null);
        w.done = true;
        return w;
    }

    /** {@code work.is_completed()}: true once the operation ended (successfully or not); never blocks. */
    public boolean isCompleted() {
        if (done) {
            return true;
        }
        try {
            lifetime.lease();
        } catch (IllegalStateException freed) {
            return true; // a wait on another thread saw it end and freed it
        }
        try {
            return handle.isCompleted(); // c10d's Work is thread-safe: no lock, so it never waits behind waitFor
        } catch (RuntimeException e) {
            return true; // only NCCL's can throw here: it ended, with an error the wait reports
        } finally {
            lifetime.release();
        }
    }

    /** {@code work.wait()} bounded by the group's timeout (the one given to initProcessGroup / newGroup). */
    public void waitFor() {
        waitFor(group == null ? Duration.ZERO : group.timeout());
    }

    /**
     * {@code work.wait(timeout)}: blocks until the operation ends. A failure on this rank or a lost
     * peer becomes a {@link TorchException} naming the operation and, when the group can tell, the
     * rank that was lost; not ending within {@code timeout} is a TorchException too.
     */
    public synchronized void waitFor(Duration timeout) {
        if (done) {
            return;
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException(op + ": waitFor timeout must be non-negative, got " + timeout);
        }
        boolean ok;
        try (Milliseconds ms = new Milliseconds(Math.max(1, timeout.toMillis()))) {
            ok = handle._wait(ms);
        } catch (RuntimeException e) {
            done = true;
            keepAlive = null;
            lifetime.close();
            throw group.failure(e, op);
        }
        if (!ok) {
            throw group.timedOut(op, timeout);
        }
        done = true;
        keepAlive = null;
        Runnable r = then;
        then = null;
        try {
            if (r != null) {
                r.run();
            }
        } finally {
            lifetime.close();
        }
    }
}
