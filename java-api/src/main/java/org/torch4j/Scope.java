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
 * does nothing.
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final Thread owner;
    private Tensor[] tensors = new Tensor[32];
    private int size;
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope on this thread; close it with try-with-resources. */
    public static Scope open() {
        Scope s = new Scope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    static Scope current() {
        return CURRENT.get();
    }

    Scope parent() {
        return parent;
    }

    void add(Tensor t) {
        if (size == tensors.length) {
            tensors = java.util.Arrays.copyOf(tensors, size * 2);
        }
        tensors[size++] = t;
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
        Scope c = CURRENT.get();
        while (c != null && c != this) {
            c.freeAll();
            c = c.parent;
        }
        freeAll();
        CURRENT.set(parent);
    }

    private void freeAll() {
        closed = true;
        Tensor[] ts = tensors;
        for (int i = 0; i < size; i++) {
            Tensor t = ts[i];
            ts[i] = null;
            if (t.scope == this) {
                t.scope = null;
                t.close();
            }
        }
        size = 0;
    }
}
