package org.torch4j;

/**
 * Frees, when it closes, every tensor created on this thread while it was the innermost open
 * scope — the deterministic way to run a training loop:
 * <pre>{@code
 * for (int t = 0; t < 2000; t++) {
 *     try (var scope = Scope.open()) {
 *         Tensor loss = model.forward(x).sub(y).pow(2).sum();
 *         loss.backward();
 *         ...
 *     } // every tensor made in this iteration is freed here
 * }
 * }</pre>
 * Scopes nest; a tensor that must outlive its scope is handed out with {@link Tensor#keep()}
 * (it moves to the enclosing scope, or out of all scopes). A scope belongs to the thread that
 * opened it. Closing an outer scope first also closes the inner ones still open; closing twice
 * does nothing. Scopes a thread leaves open when it dies are closed for it once the thread is gone
 * (by the Cleaner, after a GC notices), so a dying worker does not leak its tensors.
 */
public final class Scope implements AutoCloseable {
    /**
     * The innermost open scope of one thread, in a mutable holder: opening a scope costs one
     * thread-local lookup and closing one none (the scope remembers its holder).
     */
    private static final class Stack {
        Scope top;
    }

    /**
     * The thread-local slot itself, referenced only by its thread's thread-local map (scopes refer
     * to the {@link Stack}, not to this). When the thread dies its map is dropped, this becomes
     * unreachable, and the Cleaner frees the tensors of the scopes the thread left open.
     */
    private static final class Slot {
        final Stack stack = new Stack();

        Slot() {
            NativeMemory.CLEANER.register(this, new FreeOrphans(stack));
        }
    }

    /** Frees the scopes a dead thread left open (runs on the Cleaner's thread). */
    private static final class FreeOrphans implements Runnable {
        private final Stack stack;

        FreeOrphans(Stack stack) {
            this.stack = stack;
        }

        @Override
        public void run() {
            Scope c = stack.top;
            stack.top = null;
            while (c != null) {
                c.freeAll();
                c = c.parent;
            }
        }
    }

    private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

    private final Scope parent;
    private final Stack stack;
    private final Thread owner;
    /** The first tensor lives in a field and the others in an array made on the second add, so a scope around one op allocates no array. */
    private Tensor first;
    private Tensor[] more;
    private int size;
    private boolean closed;

    private Scope(Stack stack) {
        this.stack = stack;
        this.parent = stack.top;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope on this thread; close it with try-with-resources. */
    public static Scope open() {
        Stack st = CURRENT.get().stack;
        Scope s = new Scope(st);
        st.top = s;
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    static Scope current() {
        return CURRENT.get().stack.top;
    }

    Scope parent() {
        return parent;
    }

    void add(Tensor t) {
        if (size == 0) {
            first = t;
        } else {
            Tensor[] m = more;
            int i = size - 1;
            if (m == null) {
                m = more = new Tensor[15];
            } else if (i == m.length) {
                m = more = java.util.Arrays.copyOf(m, m.length * 2 + 1);
            }
            m[i] = t;
        }
        size++;
    }

    /** Number of tensors this scope has taken charge of (including ones already closed). */
    public int size() {
        return size;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a Scope must be closed on the thread that opened it (" + owner.getName() + ")");
        }
        // Inner scopes left open are closed first (they were opened later).
        Scope c = stack.top;
        while (c != null && c != this) {
            c.freeAll();
            c = c.parent;
        }
        freeAll();
        stack.top = parent;
    }

    private void freeAll() {
        closed = true;
        int n = size;
        if (n == 0) {
            return;
        }
        // the live counter is updated once per scope rather than once per tensor
        long freed = release(first);
        first = null;
        Tensor[] m = more;
        for (int i = 0; i < n - 1; i++) {
            freed += release(m[i]);
            m[i] = null;
        }
        size = 0;
        if (freed != 0) {
            NativeMemory.LIVE.add(-freed);
        }
    }

    private int release(Tensor t) {
        if (t.scope == this) {
            t.scope = null;
            return t.freeForScope();
        }
        return 0;
    }
}
