package org.torch4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.torch4j.bindings.HookBridge;
import org.torch4j.bindings.LibTorch;
import org.torch4j.bindings.Scalars;
import org.torch4j.internal.Native;

/**
 * An n-dimensional array on LibTorch, with autograd: the Java counterpart of {@code torch.Tensor}.
 * Its ops ({@code add}, {@code sum}, {@code reshape}, {@code indexSelect}, …) are generated from
 * codegen/spec/ into the superclass {@code TensorMethods}; this class holds what a spec cannot say
 * (ownership, metadata, conversions, devices, autograd, printing, indexing).
 *
 * <h2>Who frees it</h2>
 * Every {@code Tensor} owns one native reference. A tensor made while a {@link Scope} is open on
 * this thread belongs to that scope and is freed when the scope closes (or earlier by
 * {@link #close()}); {@link #keep()} hands it to the enclosing scope, or out of all scopes. A
 * tensor made with no scope open lives until {@link #close()}; if it is dropped unclosed, a
 * {@link Cleaner} frees it after it becomes unreachable (a safety net, not the mechanism a
 * training loop should rely on). Using a closed tensor throws {@link IllegalStateException};
 * closing twice does nothing. Methods returning a tensor always return a new, independently
 * owned reference (views share storage through LibTorch's own reference counting, so closing
 * one never invalidates another), except in-place methods (trailing underscore), which return
 * {@code this}.
 *
 * <h2>Threads</h2>
 * A tensor may be used from several threads at once (LibTorch's own rules on concurrent writes
 * to the same data apply). Closing it — directly or through its Scope — while another thread is
 * inside a call on it is safe: that call completes on the still-valid native tensor, the free
 * happens when it returns, and every later call throws {@link IllegalStateException}. A call that
 * changes its sizes, strides, storage or autograd metadata ({@code set_}, {@code resize_},
 * {@code transpose_}, {@code unsqueeze_}, {@code detach_}, {@link #requiresGrad(boolean)}, ...)
 * runs alone on it: it waits for the calls in flight and holds new ones off until it returns.
 * {@code resize_} does not grow a storage that a view shares (docs/THREADS.md).
 */
public final class Tensor extends TensorMethods implements AutoCloseable {
    static {
        LibTorch.ensureLoaded();
        Native.install(new Bridge());
    }

    /*
     * Lifetime state, one int: bit 0 CLOSED (no new lease), bit 1 FREED (native reference
     * released), bit 2 EXCLUSIVE (a call that changes this tensor's sizes, strides, storage or
     * autograd metadata is running: see leaseExclusive), bits 3.. the number of native calls in
     * flight (leases). A close with leases (or the exclusive call) in flight only sets CLOSED; the
     * last release frees. Whoever moves CLOSED -> CLOSED|FREED frees, so the native reference is
     * released exactly once.
     */
    private static final int CLOSED = 1;
    private static final int FREED = 2;
    private static final int EXCLUSIVE = 4;
    private static final int LEASE = 8;
    private static final int LEASES = -LEASE; // the bits that count leases
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Tensor.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Owned native tensor; valid until the state says FREED. */
    private final org.bytedeco.pytorch.Tensor h;
    /** The thread that holds EXCLUSIVE, else null: its own leases of this tensor (an argument that is the receiver) proceed. */
    private volatile Thread exclusiveOwner;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Scope that will free this tensor, or null. */
    Scope scope;
    /** Safety-net registration of an unscoped tensor, or null. */
    private volatile Cleaner.Cleanable cleanable;

    private static final org.bytedeco.pytorch.Tensor UNDEFINED = org.torch4j.bindings.Cached.make(org.bytedeco.pytorch.Tensor::new);

    private Tensor(org.bytedeco.pytorch.Tensor h) {
        this.h = h;
    }

    /** Takes ownership of a native tensor just returned by value from LibTorch. */
    static Tensor adopt(org.bytedeco.pytorch.Tensor n) {
        Tensor t = new Tensor(n);
        NativeMemory.LIVE.increment();
        Scope s = Scope.current();
        if (s != null) {
            t.scope = s;
            s.add(t);
        } else {
            t.trackUnscoped();
        }
        return t;
    }

    // ---------------------------------------------------------------- leases: every native call

    /**
     * The native tensor, held until {@link #release()}: every method that touches it calls
     * {@code lease()} before and {@code release()} in a finally block after the native call. The
     * release also keeps {@code this} reachable until the call returned, so the Cleaner can
     * never free a tensor in use.
     */
    org.bytedeco.pytorch.Tensor lease() {
        int s = (int) STATE.getAndAdd(this, LEASE);
        if ((s & (CLOSED | EXCLUSIVE)) != 0) {
            return leaseContended(s, null);
        }
        return h;
    }

    /** Ends a lease; frees the native reference if the tensor was closed meanwhile. */
    void release() {
        int s = (int) STATE.getAndAdd(this, -LEASE) - LEASE;
        if (s == CLOSED) {
            tryFree();
        }
    }

    /** Leases {@code t}, an argument of {@code op}: NullPointerException / IllegalStateException name the op. */
    static org.bytedeco.pytorch.Tensor leaseArg(Tensor t, String op) {
        if (t == null) {
            throw new NullPointerException(op + ": tensor argument is null");
        }
        int s = (int) STATE.getAndAdd(t, LEASE);
        if ((s & (CLOSED | EXCLUSIVE)) != 0) {
            return t.leaseContended(s, op);
        }
        return t.h;
    }

    /**
     * The slow path of a lease that found CLOSED (throws) or EXCLUSIVE: another thread is changing
     * this tensor's metadata, so the lease is given back and taken again once that call returned.
     * The thread holding EXCLUSIVE keeps its lease (its op names the receiver as an argument too).
     */
    private org.bytedeco.pytorch.Tensor leaseContended(int s, String argOf) {
        while (true) {
            if ((s & CLOSED) != 0) {
                release();
                throw argOf == null ? closed() : new IllegalStateException(argOf + ": a tensor argument was closed (by close() or by its Scope)");
            }
            if ((s & EXCLUSIVE) == 0 || exclusiveOwner == Thread.currentThread()) {
                return h;
            }
            release();
            awaitClear(EXCLUSIVE, Long.MAX_VALUE);
            s = (int) STATE.getAndAdd(this, LEASE);
        }
    }

    /**
     * Waits until none of the state bits in {@code mask} is set (spinning briefly, then parking) or
     * {@code untilNanos} passed; returns whether they cleared. Only exclusive calls make anyone wait.
     */
    private boolean awaitClear(int mask, long untilNanos) {
        for (int spins = 0; ((int) STATE.getVolatile(this) & mask) != 0; spins++) {
            if (untilNanos != Long.MAX_VALUE && System.nanoTime() > untilNanos) {
                return false;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
        return true;
    }

    /** One exclusive call at a time in the JVM: two of them can never wait for each other's leases. */
    private static final ReentrantLock EXCLUSIVE_CALLS = new ReentrantLock();
    /** How long an exclusive call waits for the calls in flight on its tensor before it gives up. */
    private static final long EXCLUSIVE_PATIENCE_NANOS = 20_000_000_000L;

    /**
     * The native tensor for a call that changes its sizes, strides, storage or autograd metadata
     * ({@code set_}, {@code resize_}, {@code as_strided_}, {@code transpose_}, {@code unsqueeze_},
     * {@code detach_}, {@code requires_grad_}, ...): LibTorch's TensorImpl is not safe to read on one
     * thread while another rewrites it (a concurrent {@code x[...] = v} and {@code x.set_()} wrote
     * through a null data pointer: long-fuzz seed 15559). Such a call waits until the calls in flight
     * on this tensor return, holds new ones off until {@link #releaseExclusive()}, and runs alone
     * among exclusive calls of the JVM. If the calls in flight do not drain (one of them is this
     * thread's own, e.g. a backward whose Java hook resizes the loss), it retries for
     * {@link #EXCLUSIVE_PATIENCE_NANOS} and then throws {@link IllegalStateException}. Other calls
     * pay nothing for this: their lease tests the EXCLUSIVE bit with the CLOSED bit.
     */
    org.bytedeco.pytorch.Tensor leaseExclusive(String op) {
        Thread me = Thread.currentThread();
        long deadline = System.nanoTime() + EXCLUSIVE_PATIENCE_NANOS;
        while (true) {
            EXCLUSIVE_CALLS.lock();
            boolean set = false;
            boolean held = false;
            try {
                int s;
                do {
                    s = (int) STATE.getVolatile(this);
                    if ((s & CLOSED) != 0) {
                        throw closed();
                    }
                } while (!STATE.compareAndSet(this, s, s | EXCLUSIVE));
                set = true;
                exclusiveOwner = me;
                held = awaitClear(LEASES, Math.min(deadline, System.nanoTime() + 100_000_000L));
                if (held) {
                    return h;
                }
            } finally {
                if (!held) {
                    if (set) {
                        dropExclusive();
                    }
                    EXCLUSIVE_CALLS.unlock();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(op + ": another call on this tensor did not return within "
                        + EXCLUSIVE_PATIENCE_NANOS / 1_000_000_000L + " s (this thread's own, if it runs inside a call on it, such as a "
                        + "backward hook); " + op + " changes the tensor's metadata and must run alone");
            }
            LockSupport.parkNanos(1_000_000L + (long) (Math.random() * 4_000_000L)); // let the other calls finish
        }
    }

    /** Ends an exclusive call ({@link #leaseExclusive}); frees the native reference if the tensor was closed meanwhile. */
    void releaseExclusive() {
        dropExclusive();
        EXCLUSIVE_CALLS.unlock();
    }

    private void dropExclusive() {
        exclusiveOwner = null;
        int s = (int) STATE.getAndAdd(this, -EXCLUSIVE) - EXCLUSIVE;
        if (s == CLOSED) {
            tryFree();
        }
    }

    /** Releases a leased argument; null (an absent optional argument) is ignored. */
    static void releaseArg(Tensor t) {
        if (t != null) {
            t.release();
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("this tensor was closed (by close() or by its Scope); it cannot be used");
    }

    private boolean tryFree() {
        if (STATE.compareAndSet(this, CLOSED, CLOSED | FREED)) {
            free();
            return true;
        }
        return false;
    }

    private void free() {
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            c.clean(); // runs Release once: frees and uncounts
        } else {
            h.close();
            NativeMemory.LIVE.decrement();
        }
    }

    /**
     * Escape hatch for code that mixes torch4j with the raw presets: wraps a new reference to
     * the same TensorImpl, so the caller stays free to close or reuse {@code n}. Do not call this,
     * or any torch4j method that makes a tensor, inside a JavaCPP {@code PointerScope}: closing that
     * scope frees the tensors made meanwhile under torch4j (docs/DESIGN.md, "Known limit of the
     * escape hatch"); use {@link Scope} for torch4j tensors.
     */
    public static Tensor wrap(org.bytedeco.pytorch.Tensor n) {
        Objects.requireNonNull(n, "tensor");
        if (n.isNull() || !n.defined()) {
            throw new IllegalArgumentException("wrap: the native tensor is null or undefined");
        }
        return adopt(new org.bytedeco.pytorch.Tensor(n));
    }

    /**
     * Escape hatch: the native tensor this object owns. It stays valid until this tensor is
     * closed; do not close it yourself, do not keep it longer than this tensor, and do not close
     * this tensor (or its Scope) on another thread while you use it — unlike torch4j's own
     * methods, raw calls on the returned object are not protected by a lease.
     */
    public org.bytedeco.pytorch.Tensor unwrap() {
        org.bytedeco.pytorch.Tensor n = lease();
        release();
        return n;
    }

    private void trackUnscoped() {
        long bytes;
        try {
            bytes = h.nbytes();
        } catch (RuntimeException e) {
            bytes = 0; // sparse layouts define no nbytes (found by the fuzz: the tensor was counted but never freed)
        }
        cleanable = NativeMemory.CLEANER.register(this, new Release(h, bytes));
        NativeMemory.addUnscoped(bytes);
    }

    /** Frees the native reference of a collected (never closed) unscoped tensor. */
    private static final class Release implements Runnable {
        private final org.bytedeco.pytorch.Tensor h;
        private final long bytes;

        Release(org.bytedeco.pytorch.Tensor h, long bytes) {
            this.h = h;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            h.close();
            NativeMemory.LIVE.decrement();
            NativeMemory.UNSCOPED_BYTES.addAndGet(-bytes);
        }
    }

    /**
     * Frees the native reference now — or, if another thread is inside a call on this tensor,
     * as soon as that call returns. Idempotent; every later use throws IllegalStateException.
     */
    @Override
    public void close() {
        if (STATE.compareAndSet(this, 0, CLOSED | FREED)) {
            free(); // open and not leased: closed and freed in one atomic step
            return;
        }
        int s = (int) STATE.getAndBitwiseOr(this, CLOSED);
        if ((s & CLOSED) == 0 && s == 0) {
            tryFree();
        }
    }

    /**
     * Closes a tensor for the {@link Scope} that owns it, leaving the live counter to the scope
     * (one update per scope instead of one per tensor). Returns how many references it freed here
     * without counting them (0 or 1); a free deferred to a lease, or one through the Cleaner,
     * counts itself.
     */
    int freeForScope() {
        if (cleanable == null && STATE.compareAndSet(this, 0, CLOSED | FREED)) {
            h.close(); // open and not leased (the usual case): closed and freed in one atomic step
            return 1;
        }
        int s = (int) STATE.getAndBitwiseOr(this, CLOSED);
        if (s != 0) {
            return 0; // closed before, or leased: the last release frees and counts
        }
        if (cleanable != null) {
            tryFree();
            return 0;
        }
        if (STATE.compareAndSet(this, CLOSED, CLOSED | FREED)) {
            h.close();
            return 1;
        }
        return 0; // a racing lease saw CLOSED and freed (and counted) on its release
    }

    /** True once {@link #close()} ran (directly or through the owning scope). */
    public boolean isClosed() {
        return ((int) STATE.getVolatile(this) & CLOSED) != 0;
    }

    /**
     * Moves this tensor out of its scope: to the enclosing scope if there is one, otherwise it
     * becomes unscoped (lives until {@link #close()}). Returns {@code this}.
     */
    public Tensor keep() {
        lease();
        try {
            Scope s = scope;
            if (s != null) {
                Scope p = s.parent();
                if (p != null) {
                    scope = p;
                    p.add(this);
                } else {
                    scope = null;
                    trackUnscoped();
                }
            }
            return this;
        } finally {
            release();
        }
    }

    /**
     * Takes this tensor out of every scope: it lives until {@link #close()} (or, if dropped, until
     * the safety net frees it). Owners such as modules and optimizers use this for the tensors they
     * hold. Returns {@code this}.
     */
    public Tensor unscoped() {
        lease();
        try {
            if (scope != null) {
                scope = null;
                trackUnscoped();
            }
            return this;
        } finally {
            release();
        }
    }

    /** Native failures become {@link TorchException}; Java-side ones pass through unchanged. */
    /**
     * The sizes, strides, offset and storage of a strided tensor before an op that rewrites them
     * ({@code resize_}, {@code set_}, {@code as_strided_}, ...). LibTorch's {@code resize_impl} sets the
     * new sizes before it computes and allocates the storage they need, so when that throws (a
     * stride that overflows, an allocation too large) the tensor's sizes exceed its storage and the
     * next op writes out of bounds — in PyTorch too. The generated methods of those ops take a
     * snapshot and {@link #restore} it when the op throws. {@code original} is a detached alias:
     * it keeps the original storage alive until the op returned.
     */
    static final class Metadata {
        final long[] sizes;
        final long[] strides;
        final long offset;
        final org.bytedeco.pytorch.Tensor original;

        private Metadata(long[] sizes, long[] strides, long offset, org.bytedeco.pytorch.Tensor original) {
            this.sizes = sizes;
            this.strides = strides;
            this.offset = offset;
            this.original = original;
        }

        /** The snapshot of a strided tensor with storage; null for other layouts (nothing to restore). */
        static Metadata of(org.bytedeco.pytorch.Tensor n) {
            if (!n.defined() || !n.has_storage() || n.is_sparse() || n.is_mkldnn() || n.is_quantized()) {
                return null;
            }
            return new Metadata(n.sizes().vec().get(), n.strides().vec().get(), n.storage_offset(), n.detach());
        }

        static void close(Metadata m) {
            if (m != null) {
                m.original.close();
            }
        }
    }

    /**
     * After {@code op} threw {@code e}: puts back the sizes, strides, offset and storage of
     * {@code before} if the op changed them (without autograd: this undoes a failed call, it records
     * nothing). If that fails too, this tensor is closed, so that no later op can read or write past
     * its storage; the returned exception says so. Returns what {@link #err} should translate.
     */
    /**
     * A storage that other tensors share, made non-resizable for the length of one {@code resize_},
     * {@code resize_as_} or {@code set_(source, offset, size, ...)}. Growing a storage in place
     * frees its old memory at once (LibTorch's {@code resize_bytes_cpu}), so another thread reading
     * a view of it would read freed memory (a writer's {@code base.resize_} against a reader's
     * {@code base.view(-1).add_(1)} crashed 3 runs in 3). A storage only this tensor uses grows as
     * in PyTorch; a shared one is refused with a message that says so (PyTorch would grow it under
     * its views; documented in docs/THREADS.md).
     */
    static final class SharedStorage {
        /** A detached alias: holds the storage (one more reference) until {@link #unpin}. */
        private final org.bytedeco.pytorch.Tensor alias;

        private SharedStorage(org.bytedeco.pytorch.Tensor alias) {
            this.alias = alias;
        }

        /**
         * Pins {@code x}'s storage if other tensors share it (or {@code always}: {@code x} is the
         * source of another tensor's {@code set_}, whose growth would reallocate it under {@code x})
         * and it could grow; else null.
         */
        static SharedStorage pin(Tensor x, boolean always) {
            if (x == null) {
                return null;
            }
            org.bytedeco.pytorch.Tensor n = x.lease();
            try {
                if (!n.defined() || !n.has_storage() || n.is_sparse() || n.is_mkldnn() || n.is_quantized()) {
                    return null;
                }
                org.bytedeco.pytorch.Storage st = n.storage(); // a reference: the count is the tensors that use it
                if ((!always && st.use_count() <= 1) || !st.resizable()) {
                    return null;
                }
                SharedStorage p = new SharedStorage(n.detach());
                p.alias.storage().unsafeGetStorageImpl().set_resizable(false);
                return p;
            } finally {
                x.release();
            }
        }

        static void unpin(SharedStorage p) {
            if (p != null) {
                p.alias.storage().unsafeGetStorageImpl().set_resizable(true);
                p.alias.close();
            }
        }

        /** LibTorch's "not resizable" refusal of a pinned storage, said as what it is. */
        static RuntimeException explain(SharedStorage p, RuntimeException e, String op) {
            if (p == null || e.getClass() != RuntimeException.class || e.getMessage() == null || !e.getMessage().contains("not resizable")) {
                return e;
            }
            return new RuntimeException("the new size needs more memory than the storage has, and other tensors share that storage (views of "
                    + "it, or the source it was set_ from): torch4j does not grow a shared storage in place, because the memory those "
                    + "tensors read would be freed under them while another thread uses them; give this tensor a storage of its own "
                    + "first (clone())");
        }
    }

    RuntimeException restore(org.bytedeco.pytorch.Tensor self, Metadata before, RuntimeException e, String op) {
        if (before == null || e.getClass() != RuntimeException.class) {
            return e;
        }
        try {
            if (self.storage_offset() == before.offset && java.util.Arrays.equals(self.sizes().vec().get(), before.sizes)
                    && java.util.Arrays.equals(self.strides().vec().get(), before.strides) && self.is_alias_of(before.original)) {
                return e; // LibTorch refused before changing anything
            }
            try (org.bytedeco.pytorch.AutoGradMode off = new org.bytedeco.pytorch.AutoGradMode(false)) {
                self.set_(before.original, before.offset, before.sizes, before.strides);
            }
            return e;
        } catch (RuntimeException restoreFailed) {
            close(); // frees when this call's lease ends; every later use is IllegalStateException
            return new RuntimeException(e.getMessage() + " [" + op + " left the tensor's sizes beyond its storage and they could not be "
                    + "restored, so the tensor is closed]");
        }
    }

    RuntimeException err(RuntimeException e, String op, Object... operands) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        Object[] all = new Object[operands.length + 1];
        all[0] = this;
        System.arraycopy(operands, 0, all, 1, operands.length);
        return TorchException.of(e, op, all);
    }

    /** What {@link Native} lends to the packages outside {@code org.torch4j}. */
    private static final class Bridge implements Native.Bridge {
        @Override
        public org.bytedeco.pytorch.Tensor lease(Tensor t, String op) {
            return leaseArg(t, op);
        }

        @Override
        public void release(Tensor t) {
            t.release();
        }

        @Override
        public org.bytedeco.pytorch.Tensor leaseExclusive(Tensor t, String op) {
            return t.leaseExclusive(op);
        }

        @Override
        public void releaseExclusive(Tensor t) {
            t.releaseExclusive();
        }

        @Override
        public Tensor adopt(org.bytedeco.pytorch.Tensor n) {
            return Tensor.adopt(n);
        }

        @Override
        public TorchException fail(RuntimeException e, String op, Object... operands) {
            return TorchException.of(e, op, operands);
        }

        @Override
        public String describe(Tensor t) {
            return t.describe();
        }

        @Override
        public Cleaner.Cleanable track(Object owner, Runnable free, long bytes) {
            return NativeMemory.track(owner, free, bytes);
        }
    }

    // ---------------------------------------------------------------- metadata

    /** Sizes, e.g. {@code [2000]}; {@code []} for a 0-dim tensor. */
    public long[] shape() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.sizes().vec().get();
        } catch (RuntimeException e) {
            throw err(e, "shape");
        } finally {
            release();
        }
    }

    /** {@code tensor.stride()}: the step in elements between neighbours along each dimension. */
    public long[] stride() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.strides().vec().get();
        } catch (RuntimeException e) {
            throw err(e, "stride");
        } finally {
            release();
        }
    }

    /** {@code tensor.stride(dim)} (negative counts from the end). */
    public long stride(int dim) {
        long[] s = stride();
        int d = dim < 0 ? dim + s.length : dim;
        if (d < 0 || d >= s.length) {
            throw new IndexOutOfBoundsException("stride: dimension " + dim + " out of range for a " + s.length + "-dim tensor");
        }
        return s[d];
    }

    /** {@code tensor.is_contiguous()}: laid out row-major without gaps. */
    public boolean isContiguous() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.is_contiguous();
        } catch (RuntimeException e) {
            throw err(e, "isContiguous");
        } finally {
            release();
        }
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public long size(int dim) {
        long[] s = shape();
        int d = dim < 0 ? dim + s.length : dim;
        if (d < 0 || d >= s.length) {
            throw new IndexOutOfBoundsException("size: dimension " + dim + " out of range for a " + s.length + "-dim tensor");
        }
        return s[d];
    }

    /** Number of elements ({@code tensor.numel()}). */
    public long numel() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.numel();
        } catch (RuntimeException e) {
            throw err(e, "numel");
        } finally {
            release();
        }
    }

    /** Number of dimensions ({@code tensor.dim()}). */
    public int dim() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return (int) self.dim();
        } catch (RuntimeException e) {
            throw err(e, "dim");
        } finally {
            release();
        }
    }

    /** Element type ({@code tensor.dtype}). */
    public DType dtype() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return DType.of(self.scalar_type());
        } catch (RuntimeException e) {
            throw err(e, "dtype");
        } finally {
            release();
        }
    }

    /** Device the data lives on ({@code tensor.device}). */
    public Device device() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return Device.fromNative(self.device());
        } catch (RuntimeException e) {
            throw err(e, "device");
        } finally {
            release();
        }
    }

    /** "float32[2000]" style description used in error messages ("float32[2000] on cuda:0" off the CPU). */
    String describe() {
        int s = (int) STATE.getAndAdd(this, LEASE);
        try {
            if ((s & CLOSED) != 0) {
                return "<closed tensor>";
            }
            if ((s & EXCLUSIVE) != 0 && exclusiveOwner != Thread.currentThread()) {
                return "<tensor being changed by another thread>"; // used while reporting an error: never waits
            }
            String d = DType.of(h.scalar_type()) + Arrays.toString(h.sizes().vec().get());
            return h.is_cuda() ? d + " on " + Device.fromNative(h.device()) : d;
        } catch (RuntimeException e) {
            return "<tensor: " + org.torch4j.bindings.NativeErrors.firstLine(e) + ">"; // used while reporting an error: never throws
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- ops
    // The op surface (add, sum, reshape, matmul, ...) is generated: see TensorMethods and codegen/.

    private static final int FLOAT_CODE = org.bytedeco.pytorch.global.torch.ScalarType.Float.value;

    /**
     * True when a double operand of this tensor can go to LibTorch as a cached float32 wrapped-number
     * tensor: ATen runs {@code x.mul(2.0)} as {@code x.mul(wrapped_scalar_tensor(2.0))} and then casts
     * that float64 operand to float32 on every call (about 1.5 µs of a 2.8 µs op on one element); a
     * cached float32 one gives the same bits (checked by ScalarOperandTest) without the cast. Other
     * dtypes keep the Scalar overloads (float16's in-place ones round differently).
     */
    static boolean float32Operand(org.bytedeco.pytorch.Tensor n, double v) {
        // compare codes: scalar_type() may return a ScalarType instance that is not the enum constant itself
        return n.scalar_type().value == FLOAT_CODE && Float.isFinite((float) v) == Double.isFinite(v);
    }

    // Kotlin / Groovy operator names: one-line delegations, no second implementation.
    /** Kotlin operator {@code +}: {@link #add(Tensor)}. */
    public Tensor plus(Tensor other) { return add(other); }
    /** Kotlin operator {@code +}: {@link #add(double)}. */
    public Tensor plus(double other) { return add(other); }
    /** Kotlin operator {@code -}: {@link #sub(Tensor)}. */
    public Tensor minus(Tensor other) { return sub(other); }
    /** Kotlin operator {@code -}: {@link #sub(double)}. */
    public Tensor minus(double other) { return sub(other); }
    /** Kotlin operator {@code *}: {@link #mul(Tensor)}. */
    public Tensor times(Tensor other) { return mul(other); }
    /** Kotlin operator {@code *}: {@link #mul(double)}. */
    public Tensor times(double other) { return mul(other); }
    /** Kotlin unary operator {@code -}: {@link #neg()}. */
    public Tensor unaryMinus() { return neg(); }

    // ---------------------------------------------------------------- indexing

    /** {@code x[i, j, …]} with integers only: selects along the leading dimensions. */
    public Tensor get(long... indices) {
        Objects.requireNonNull(indices, "indices");
        Object[] boxed = new Object[indices.length];
        for (int i = 0; i < indices.length; i++) {
            boxed[i] = indices[i];
        }
        return index(boxed);
    }

    /** {@code x[start:stop:step]} along {@code dim} (Python slice semantics, clamped, step > 0). */
    public Tensor slice(long dim, long start, long stop, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be > 0, got " + step);
        }
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return adopt(self.slice(dim, new LongOptional(start), new LongOptional(stop), step));
        } catch (RuntimeException e) {
            throw err(e, "slice", "dim=" + dim, start + ":" + stop + ":" + step);
        } finally {
            release();
        }
    }

    /** Python's {@code ...} in an index: {@code x[..., 0]} is {@code x.index(ELLIPSIS, 0)}. */
    public static final Index ELLIPSIS = Index.ELLIPSIS;

    /** Python's {@code None} in an index (a new axis): {@code x[:, None]} is {@code x.index(Slice.ALL, NONE)}. */
    public static final Index NONE = Index.NONE;

    /**
     * Python's {@code x[i0, i1, ...]}. Each item is one of:
     * <ul>
     * <li>an integer ({@code Integer}, {@code Long}, …): selects, removing the dimension; negative
     *     counts from the end;</li>
     * <li>a {@link Slice} ({@code start:stop:step}, keeps the dimension; {@link Slice#ALL} is {@code :});</li>
     * <li>{@link #ELLIPSIS} ({@code ...}) or {@link #NONE} ({@code None}, a new axis of size 1);</li>
     * <li>an integer {@code Tensor}, {@code long[]} or {@code int[]}: advanced indexing (several
     *     index tensors broadcast together, as in PyTorch);</li>
     * <li>a bool {@code Tensor} or {@code boolean[]}: a mask over as many dimensions as it has;
     *     a {@code Boolean} is a 0-dim mask (as Python's {@code x[True]}).</li>
     * </ul>
     * Basic indexing (integers, slices, ellipsis, None) returns a view sharing storage; advanced
     * indexing a copy. Both are recorded by autograd.
     *
     * @throws IndexOutOfBoundsException where Python raises IndexError (an index out of range,
     *         too many indices, a mask of the wrong shape), with Python's message
     */
    public Tensor index(Object... indices) {
        return Indexing.get(this, indices);
    }

    /**
     * Python's {@code x[indices] = value} with a tensor value, broadcast to the indexed shape and
     * converted to this tensor's dtype (e.g. {@code x[:, 1:3] = y} is
     * {@code x.indexPut_(y, Slice.ALL, Slice.of(1, 3))}). Returns {@code this}.
     *
     * @throws IndexOutOfBoundsException where Python raises IndexError
     */
    public Tensor indexPut_(Tensor value, Object... indices) {
        Indexing.put(this, value, indices);
        return this;
    }

    /**
     * Python's {@code x[indices] = value} with a number (e.g. {@code x[mask] = 0} is
     * {@code x.indexPut_(0, mask)}); indices as in {@link #index(Object...)}. Returns {@code this}.
     *
     * @throws IndexOutOfBoundsException where Python raises IndexError
     */
    public Tensor indexPut_(double value, Object... indices) {
        Indexing.put(this, value, indices);
        return this;
    }

    // ---------------------------------------------------------------- conversion

    /** The single value of a one-element tensor, as a double ({@code .item()} in Python gives a float). */
    public double item() {
        return itemDouble();
    }

    /** The value of a one-element tensor as a double ({@code tensor.item()}). */
    public double itemDouble() {
        checkOneElement("itemDouble");
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.item_double();
        } catch (RuntimeException e) {
            throw err(e, "item");
        } finally {
            release();
        }
    }

    /** The value of a one-element tensor as a float. */
    public float itemFloat() {
        checkOneElement("itemFloat");
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.item_float();
        } catch (RuntimeException e) {
            throw err(e, "item");
        } finally {
            release();
        }
    }

    /** The value of a one-element tensor as a long (exact for integer dtypes; floats are truncated). */
    public long itemLong() {
        checkOneElement("itemLong");
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.item_long();
        } catch (RuntimeException e) {
            throw err(e, "item");
        } finally {
            release();
        }
    }

    /** The single value of a one-element tensor as an int ({@code int(x.item())}; floats truncate). */
    public int itemInt() {
        checkOneElement("itemInt");
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.item_int();
        } catch (RuntimeException e) {
            throw err(e, "item");
        } finally {
            release();
        }
    }

    /** The single value of a one-element tensor as a boolean ({@code bool(x.item())}: non-zero is true). */
    public boolean itemBoolean() {
        checkOneElement("itemBoolean");
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.item_bool();
        } catch (RuntimeException e) {
            throw err(e, "item");
        } finally {
            release();
        }
    }

    /** The single value of a one-element tensor as a short (converted as {@code .to(torch.int16)}). */
    public short itemShort() {
        checkOneElement("itemShort");
        return toShortArray()[0];
    }

    /** The single value of a one-element tensor as a byte (converted as {@link #toByteArray()}). */
    public byte itemByte() {
        checkOneElement("itemByte");
        return toByteArray()[0];
    }

    private void checkOneElement(String op) {
        long n = numel();
        if (n != 1) {
            throw new IllegalArgumentException(op + ": a tensor with " + n + " elements cannot be converted to a scalar (" + describe() + ")");
        }
    }

    /** All elements, row-major, converted to float32 as {@code x.to(torch.float32)} converts them. */
    public float[] toFloatArray() {
        return (float[]) JavaArrays.toArray(this, DType.FLOAT32, "toFloatArray");
    }

    /** All elements, row-major, converted to float64 as {@code x.to(torch.float64)} converts them. */
    public double[] toDoubleArray() {
        return (double[]) JavaArrays.toArray(this, DType.FLOAT64, "toDoubleArray");
    }

    /** All elements, row-major, converted to int64 as {@code x.to(torch.int64)} converts them (floats truncate toward zero). */
    public long[] toLongArray() {
        return (long[]) JavaArrays.toArray(this, DType.INT64, "toLongArray");
    }

    /** All elements, row-major, converted to int32 as {@code x.to(torch.int32)} converts them. */
    public int[] toIntArray() {
        return (int[]) JavaArrays.toArray(this, DType.INT32, "toIntArray");
    }

    /** All elements, row-major, converted to int16 as {@code x.to(torch.int16)} converts them. */
    public short[] toShortArray() {
        return (short[]) JavaArrays.toArray(this, DType.INT16, "toShortArray");
    }

    /**
     * All elements, row-major, converted to int8 as {@code x.to(torch.int8)} converts them. For a
     * uint8 tensor these are its raw bits: read value {@code i} as {@code b[i] & 0xFF}.
     */
    public byte[] toByteArray() {
        return (byte[]) JavaArrays.toArray(this, dtype() == DType.UINT8 ? DType.UINT8 : DType.INT8, "toByteArray");
    }

    /** All elements, row-major, converted to bool as {@code x.to(torch.bool)} converts them (non-zero is true). */
    public boolean[] toBooleanArray() {
        return (boolean[]) JavaArrays.toArray(this, DType.BOOL, "toBooleanArray");
    }

    /** Converts to {@code dtype} (a new tensor; the same values rounded as PyTorch rounds). */
    public Tensor to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return adopt(self.to(dtype.scalarType()));
        } catch (RuntimeException e) {
            throw err(e, "to", dtype);
        } finally {
            release();
        }
    }

    /**
     * Moves to {@code device} ({@code x.to(device)}): a new reference, a copy when the device differs.
     * Autograd records the move, so gradients flow back to this tensor's device.
     *
     * @throws TorchException "CUDA is not available: …" when {@code device} is a CUDA device that
     *                        cannot be used here
     */
    public Tensor to(Device device) {
        Objects.requireNonNull(device, "device");
        lease();
        release();
        if (device.isCuda()) {
            Torch.checkCuda(device, "to");
        }
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return adopt(self.to(device.toNative(), self.scalar_type()));
        } catch (RuntimeException e) {
            throw err(e, "to", device);
        } finally {
            release();
        }
    }

    /** {@code x.cpu()}: {@code to(Device.CPU)}. */
    public Tensor cpu() {
        return to(Device.CPU);
    }

    /** {@code x.cuda()}: {@code to(Device.cuda(0))}. */
    public Tensor cuda() {
        return to(Device.cuda(0));
    }

    /** {@code x.is_cuda}. */
    public boolean isCuda() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.is_cuda();
        } catch (RuntimeException e) {
            throw err(e, "isCuda");
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- autograd

    /** Whether autograd records operations on this tensor ({@code x.requires_grad}). */
    public boolean requiresGrad() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.requires_grad();
        } catch (RuntimeException e) {
            throw err(e, "requiresGrad");
        } finally {
            release();
        }
    }

    /** Sets {@code requires_grad} in place ({@code x.requires_grad_(flag)}); returns {@code this}. */
    public Tensor requiresGrad(boolean flag) {
        org.bytedeco.pytorch.Tensor self = leaseExclusive("requiresGrad"); // rewrites autograd metadata: see leaseExclusive
        try {
            self.requires_grad_(flag);
            return this;
        } catch (RuntimeException e) {
            throw err(e, "requiresGrad", flag);
        } finally {
            releaseExclusive();
        }
    }

    /** {@code x.is_leaf}. */
    public boolean isLeaf() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            return self.is_leaf();
        } catch (RuntimeException e) {
            throw err(e, "isLeaf");
        } finally {
            release();
        }
    }

    /** Also keep {@code .grad} for this non-leaf tensor ({@code x.retain_grad()}). */
    public Tensor retainGrad() {
        org.bytedeco.pytorch.Tensor self = leaseExclusive("retainGrad"); // rewrites autograd metadata: see leaseExclusive
        try {
            self.retain_grad();
            return this;
        } catch (RuntimeException e) {
            throw err(e, "retainGrad");
        } finally {
            releaseExclusive();
        }
    }

    /**
     * The accumulated gradient ({@code x.grad}), or {@code null} when there is none — as Python's
     * {@code None}. The result is a new reference owned by the caller (scoped as usual); it stays
     * valid even if the gradient is later cleared or replaced. In-place changes through it change
     * the gradient's data (it shares data and version counter); unless the gradient itself requires
     * grad, it is a detached alias, so an in-place op with an operand that has history
     * ({@code x.grad().div_(y)}) records that history on the alias only, not on the gradient (in
     * PyTorch the gradient then references a graph leading back to {@code x}: a cycle it leaks). Reading it on a non-leaf tensor that
     * does not {@link #retainGrad()} logs PyTorch's warning (once per process, logger {@code org.torch4j}).
     */
    public Tensor grad() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            // LibTorch's grad() prints its non-leaf warning on every call; PyTorch shows it once
            boolean untracked = !self.is_leaf() && !self.retains_grad();
            org.bytedeco.pytorch.Tensor g = untracked ? self.mutable_grad() : self.grad();
            if (g == null || g.isNull() || !g.defined()) {
                if (untracked) {
                    org.torch4j.internal.Warnings.once("non-leaf grad", NON_LEAF_GRAD);
                }
                return null;
            }
            // a detached alias (the same data and version counter) unless the gradient itself requires grad:
            // an in-place op on it whose operand's history leads back to this tensor (x.grad().div_(f(x)))
            // would give this tensor's own gradient a grad_fn into that history, a reference cycle that
            // keeps both alive for ever (fuzz seed 11064; PyTorch 1.13 leaks it)
            return adopt(g.requires_grad() ? new org.bytedeco.pytorch.Tensor(g) : g.detach());
        } catch (RuntimeException e) {
            throw err(e, "grad");
        } finally {
            release();
        }
    }

    private static final String NON_LEAF_GRAD = "The .grad attribute of a Tensor that is not a leaf Tensor is being "
            + "accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad "
            + "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the "
            + "non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
            + "github.com/pytorch/pytorch/pull/30531 for more information.";

    /**
     * {@code x.grad = value}; {@code setGrad(null)} is Python's {@code x.grad = None}. Returns {@code this}.
     * As in PyTorch, the gradient must have this tensor's shape, dtype and device, and cannot be
     * the tensor itself ({@link IllegalArgumentException} otherwise). One difference: a value with
     * autograd history (a non-leaf) is stored detached, the same data and version counter without
     * the history ({@code grad().gradFn()} is null). Its history could lead back to this tensor
     * ({@code x.setGrad(x.mul(2))}, or {@code x.grad().setGrad(f(x))}), a reference cycle that
     * PyTorch leaks for good; torch4j has no {@code create_graph}, so a gradient's history has no use.
     */
    public Tensor setGrad(Tensor value) {
        if (value == this) {
            throw new IllegalArgumentException("setGrad: can't assign a tensor as its own grad (" + describe() + ")");
        }
        org.bytedeco.pytorch.Tensor self = leaseExclusive("setGrad"); // rewrites autograd metadata: see leaseExclusive
        try {
            org.bytedeco.pytorch.Tensor mg = self.mutable_grad();
            if (value == null) {
                mg.reset();
                return this;
            }
            org.bytedeco.pytorch.Tensor v = leaseArg(value, "setGrad");
            try {
                if (v.equals(self) || v.unsafeGetTensorImpl().equals(self.unsafeGetTensorImpl())) {
                    throw new IllegalArgumentException("setGrad: can't assign a tensor as its own grad (" + describe() + ")");
                }
                if (v.scalar_type().value != self.scalar_type().value) {
                    throw new IllegalArgumentException("setGrad: assigned grad has data of a different type: "
                            + value.describe() + " for " + describe());
                }
                if (!Arrays.equals(v.sizes().vec().get(), self.sizes().vec().get())) {
                    throw new IllegalArgumentException("setGrad: assigned grad has data of a different size: "
                            + value.describe() + " for " + describe());
                }
                if (!Device.fromNative(v.device()).equals(Device.fromNative(self.device()))) {
                    throw new IllegalArgumentException("setGrad: assigned grad has data located on a different device: "
                            + value.describe() + " for " + describe());
                }
                if (v.is_leaf()) {
                    mg.put(v);
                } else {
                    // kept without its history: that history may lead back to this tensor (x.grad = x * 2,
                    // or x.grad.grad = f(x)), a reference cycle that would keep both alive for ever
                    try (org.bytedeco.pytorch.Tensor d = v.detach()) {
                        mg.put(d);
                    }
                }
                return this;
            } finally {
                value.release();
            }
        } catch (RuntimeException e) {
            throw err(e, "setGrad", value);
        } finally {
            releaseExclusive();
        }
    }

    /** The name of the autograd node that made this tensor (e.g. {@code AddBackward0}), or null for a leaf. */
    public String gradFn() {
        org.bytedeco.pytorch.Tensor self = lease();
        // grad_fn() hands out a shared_ptr: release it now, or the node (and what it saved) lives until a GC
        try (Node n = self.grad_fn()) {
            if (n == null || n.isNull()) {
                return null;
            }
            return n.name().getString();
        } catch (RuntimeException e) {
            throw err(e, "gradFn");
        } finally {
            release();
        }
    }

    /** {@code loss.backward()}: frees the graph afterwards. */
    public void backward() {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            self.backward();
        } catch (RuntimeException e) {
            HookBridge.afterFailedBackward();
            throw err(e, "backward");
        } finally {
            release();
        }
    }

    /** {@code loss.backward(retain_graph=retainGraph)}. */
    public void backward(boolean retainGraph) {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            self.backward(UNDEFINED, new BoolOptional(retainGraph), false, (TensorArrayRefOptional) null);
        } catch (RuntimeException e) {
            HookBridge.afterFailedBackward();
            throw err(e, "backward", "retain_graph=" + retainGraph);
        } finally {
            release();
        }
    }

    /** {@code y.backward(gradient, retain_graph=retainGraph)} for a non-scalar {@code y}. */
    public void backward(Tensor gradient, boolean retainGraph) {
        org.bytedeco.pytorch.Tensor self = lease();
        try {
            org.bytedeco.pytorch.Tensor a_gradient = leaseArg(gradient, "backward");
            try {
                self.backward(a_gradient, new BoolOptional(retainGraph), false, (TensorArrayRefOptional) null);
            } finally {
                gradient.release();
            }
        } catch (RuntimeException e) {
            HookBridge.afterFailedBackward();
            throw err(e, "backward", gradient);
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- printing

    /**
     * Exactly what PyTorch 1.13's {@code repr(x)} prints, e.g.
     * {@code tensor([ 1.5000, -2.0000], requires_grad=True)}: aligned columns, fixed or scientific
     * notation chosen as PyTorch chooses, {@code ...} summaries above the threshold, line
     * wrapping, and the {@code dtype=}, {@code device=}, {@code grad_fn=} / {@code requires_grad=}
     * suffixes; under the options set by {@link Torch#setPrintOptions(PrintOptions)}.
     */
    @Override
    public String toString() {
        if (isClosed()) {
            return "tensor(<closed>)";
        }
        return TensorFormat.format(this);
    }
}
