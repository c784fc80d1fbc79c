package org.torch4j;

import java.lang.ref.Cleaner;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * A {@link Cleaner} whose queue can also be drained by the thread that needs the memory back.
 *
 * <p>{@code java.lang.ref.Cleaner} runs every action on its own thread. On a loaded machine that
 * thread may not run for hundreds of milliseconds after a GC, so {@link NativeMemory}'s safety net
 * saw the dropped tensors' bytes still counted, took them for reachable and raised its threshold:
 * an unscoped loop then grew its native memory step by step. Here the actions run on a daemon
 * thread as before, and {@link #drain} lets the allocating thread run the ones already due itself,
 * so what a GC found unreachable is freed before the threshold is judged. Each action runs once,
 * on whichever thread takes its reference first (or on {@link Cleaner.Cleanable#clean()}).
 */
final class SafetyNet {
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    /** Registered references, kept reachable until cleaned (a doubly linked list, as the JDK's Cleaner). */
    private final Ref head = new Ref();

    SafetyNet(String threadName) {
        Thread t = new Thread(this::run, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** Runs {@code action} once {@code owner} is phantom reachable, unless cleaned before. */
    Cleaner.Cleanable register(Object owner, Runnable action) {
        return new Ref(owner, action);
    }

    /**
     * Runs, on the calling thread, the actions whose owners the GC found unreachable, waiting up to
     * {@code waitMillis} for the first one. Returns how many ran.
     */
    int drain(long waitMillis) throws InterruptedException {
        int n = 0;
        Ref r = (Ref) (waitMillis > 0 ? queue.remove(waitMillis) : queue.poll());
        while (r != null) {
            try {
                r.clean();
            } catch (RuntimeException ignored) {
                // as on the daemon thread: one action's failure does not stop the others
            }
            n++;
            r = (Ref) queue.poll();
        }
        return n;
    }

    private void run() {
        while (true) {
            try {
                ((Ref) queue.remove()).clean();
            } catch (InterruptedException ignored) {
                // a daemon: keep serving
            } catch (Throwable ignored) {
                // an action's failure must not stop the others (Cleaner ignores it too)
            }
        }
    }

    private final class Ref extends PhantomReference<Object> implements Cleaner.Cleanable {
        private final Runnable action;
        private Ref prev = this;
        private Ref next = this;

        /** The list's head. */
        Ref() {
            super(null, null);
            this.action = null;
        }

        Ref(Object owner, Runnable action) {
            super(owner, queue);
            this.action = action;
            synchronized (head) {
                next = head.next;
                prev = head;
                head.next.prev = this;
                head.next = this;
            }
        }

        /** Unlinks; true only for the first call. */
        private boolean unlink() {
            synchronized (head) {
                if (next == this) {
                    return false;
                }
                next.prev = prev;
                prev.next = next;
                next = this;
                prev = this;
                return true;
            }
        }

        @Override
        public void clean() {
            if (unlink()) {
                super.clear();
                action.run();
            }
        }
    }
}
