package org.torch4j;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.torch4j.bindings.LibTorch;
import org.torch4j.bindings.Scalars;

/**
 * An n-dimensional array on LibTorch, with autograd: the Java counterpart of {@code torch.Tensor}.
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
 * A tensor may be read from several threads; closing it while another thread uses it is a
 * programming error (the other thread then sees {@link IllegalStateException}).
 */
public final class Tensor implements AutoCloseable {
    static {
        LibTorch.ensureLoaded();
    }

    /** Owned native tensor, or null once closed. */
    private org.bytedeco.pytorch.Tensor h;
    /** Scope that will free this tensor, or null. */
    Scope scope;
    /** Safety-net registration of an unscoped tensor, or null. */
    private Cleaner.Cleanable cleanable;

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

    /**
     * Escape hatch for code that mixes torch4j with the raw presets: wraps a new reference to
     * the same TensorImpl, so the caller stays free to close or reuse {@code n}.
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
     * closed; do not close it yourself and do not keep it longer than this tensor.
     */
    public org.bytedeco.pytorch.Tensor unwrap() {
        return h();
    }

    private void trackUnscoped() {
        long bytes = h.nbytes();
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

    /** Frees the native reference now. Idempotent. */
    @Override
    public void close() {
        org.bytedeco.pytorch.Tensor n = h;
        if (n == null) {
            return;
        }
        h = null;
        if (cleanable != null) {
            cleanable.clean();
            cleanable = null;
        } else {
            n.close();
            NativeMemory.LIVE.decrement();
        }
    }

    /**
     * Frees a tensor for the {@link Scope} that owns it, leaving the live counter to the scope
     * (one update per scope instead of one per tensor). Returns how many references it freed (0 or 1).
     */
    int freeForScope() {
        org.bytedeco.pytorch.Tensor n = h;
        if (n == null) {
            return 0;
        }
        if (cleanable != null) {
            close();
            return 0;
        }
        h = null;
        n.close();
        return 1;
    }

    /** True once {@link #close()} ran (directly or through the owning scope). */
    public boolean isClosed() {
        return h == null;
    }

    /**
     * Moves this tensor out of its scope: to the enclosing scope if there is one, otherwise it
     * becomes unscoped (lives until {@link #close()}). Returns {@code this}.
     */
    public Tensor keep() {
        h();
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
    }

    /**
     * Takes this tensor out of every scope: it lives until {@link #close()} (or, if dropped, until
     * the safety net frees it). Owners such as modules and optimizers use this for the tensors they
     * hold. Returns {@code this}.
     */
    public Tensor unscoped() {
        h();
        if (scope != null) {
            scope = null;
            trackUnscoped();
        }
        return this;
    }

    org.bytedeco.pytorch.Tensor h() {
        org.bytedeco.pytorch.Tensor n = h;
        if (n == null) {
            throw new IllegalStateException("this tensor was closed (by close() or by its Scope); it cannot be used");
        }
        return n;
    }

    private static org.bytedeco.pytorch.Tensor arg(Tensor t, String op) {
        if (t == null) {
            throw new NullPointerException(op + ": tensor argument is null");
        }
        org.bytedeco.pytorch.Tensor n = t.h;
        if (n == null) {
            throw new IllegalStateException(op + ": a tensor argument was closed (by close() or by its Scope)");
        }
        return n;
    }

    /** Native failures become {@link TorchException}; Java-side ones pass through unchanged. */
    private RuntimeException err(RuntimeException e, String op, Object... operands) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        Object[] all = new Object[operands.length + 1];
        all[0] = h == null ? "<closed>" : this;
        System.arraycopy(operands, 0, all, 1, operands.length);
        return TorchException.of(e, op, all);
    }

    // ---------------------------------------------------------------- metadata

    /** Sizes, e.g. {@code [2000]}; {@code []} for a 0-dim tensor. */
    public long[] shape() {
        return h().sizes().vec().get();
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

    public long numel() {
        return h().numel();
    }

    public int dim() {
        return (int) h().dim();
    }

    public DType dtype() {
        return DType.of(h().scalar_type());
    }

    public Device device() {
        return Device.fromNative(h().device());
    }

    /** "float32[2000]" style description used in error messages ("float32[2000] on cuda:0" off the CPU). */
    String describe() {
        org.bytedeco.pytorch.Tensor n = h;
        if (n == null) {
            return "<closed tensor>";
        }
        String d = DType.of(n.scalar_type()) + Arrays.toString(n.sizes().vec().get());
        return n.is_cuda() ? d + " on " + Device.fromNative(n.device()) : d;
    }

    // ---------------------------------------------------------------- elementwise math

    private static final int FLOAT_CODE = org.bytedeco.pytorch.global.torch.ScalarType.Float.value;

    /**
     * True when a double operand of this tensor can go to LibTorch as a cached float32 wrapped-number
     * tensor: ATen runs {@code x.mul(2.0)} as {@code x.mul(wrapped_scalar_tensor(2.0))} and then casts
     * that float64 operand to float32 on every call (about 1.5 µs of a 2.8 µs op on one element); a
     * cached float32 one gives the same bits (checked by ScalarOperandTest) without the cast. Other
     * dtypes keep the Scalar overloads (float16's in-place ones round differently).
     */
    private boolean float32Operand(org.bytedeco.pytorch.Tensor n, double v) {
        // compare codes: scalar_type() may return a ScalarType instance that is not the enum constant itself
        return n.scalar_type().value == FLOAT_CODE && Float.isFinite((float) v) == Double.isFinite(v);
    }

    public Tensor add(Tensor other) {
        try {
            return adopt(h().add(arg(other, "add")));
        } catch (RuntimeException e) {
            throw err(e, "add", other);
        }
    }

    public Tensor add(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            return adopt(float32Operand(n, other) ? n.add(Scalars.wrappedFloat(other)) : n.add(Scalars.of(other)));
        } catch (RuntimeException e) {
            throw err(e, "add", other);
        }
    }

    public Tensor sub(Tensor other) {
        try {
            return adopt(h().sub(arg(other, "sub")));
        } catch (RuntimeException e) {
            throw err(e, "sub", other);
        }
    }

    public Tensor sub(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            return adopt(float32Operand(n, other) ? n.sub(Scalars.wrappedFloat(other)) : n.sub(Scalars.of(other)));
        } catch (RuntimeException e) {
            throw err(e, "sub", other);
        }
    }

    public Tensor mul(Tensor other) {
        try {
            return adopt(h().mul(arg(other, "mul")));
        } catch (RuntimeException e) {
            throw err(e, "mul", other);
        }
    }

    public Tensor mul(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            return adopt(float32Operand(n, other) ? n.mul(Scalars.wrappedFloat(other)) : n.mul(Scalars.of(other)));
        } catch (RuntimeException e) {
            throw err(e, "mul", other);
        }
    }

    public Tensor div(Tensor other) {
        try {
            return adopt(h().div(arg(other, "div")));
        } catch (RuntimeException e) {
            throw err(e, "div", other);
        }
    }

    public Tensor div(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            return adopt(float32Operand(n, other) ? n.div(Scalars.wrappedFloat(other)) : n.div(Scalars.of(other)));
        } catch (RuntimeException e) {
            throw err(e, "div", other);
        }
    }

    /** Elementwise power with a tensor exponent (broadcast). */
    public Tensor pow(Tensor exponent) {
        try {
            return adopt(h().pow(arg(exponent, "pow")));
        } catch (RuntimeException e) {
            throw err(e, "pow", exponent);
        }
    }

    /** {@code x ** 2.5}: a Python-float exponent. */
    public Tensor pow(double exponent) {
        try {
            return adopt(h().pow(Scalars.of(exponent)));
        } catch (RuntimeException e) {
            throw err(e, "pow", exponent);
        }
    }

    /** {@code x ** 3}: a Python-int exponent (what the tutorial's {@code x ** 3} passes). */
    public Tensor pow(long exponent) {
        try {
            return adopt(h().pow(Scalars.of(exponent)));
        } catch (RuntimeException e) {
            throw err(e, "pow", exponent);
        }
    }

    public Tensor neg() {
        try {
            return adopt(h().neg());
        } catch (RuntimeException e) {
            throw err(e, "neg");
        }
    }

    public Tensor abs() {
        try {
            return adopt(h().abs());
        } catch (RuntimeException e) {
            throw err(e, "abs");
        }
    }

    public Tensor sin() {
        try {
            return adopt(h().sin());
        } catch (RuntimeException e) {
            throw err(e, "sin");
        }
    }

    public Tensor cos() {
        try {
            return adopt(h().cos());
        } catch (RuntimeException e) {
            throw err(e, "cos");
        }
    }

    public Tensor exp() {
        try {
            return adopt(h().exp());
        } catch (RuntimeException e) {
            throw err(e, "exp");
        }
    }

    public Tensor log() {
        try {
            return adopt(h().log());
        } catch (RuntimeException e) {
            throw err(e, "log");
        }
    }

    public Tensor sqrt() {
        try {
            return adopt(h().sqrt());
        } catch (RuntimeException e) {
            throw err(e, "sqrt");
        }
    }

    public Tensor square() {
        try {
            return adopt(h().square());
        } catch (RuntimeException e) {
            throw err(e, "square");
        }
    }

    public Tensor tanh() {
        try {
            return adopt(h().tanh());
        } catch (RuntimeException e) {
            throw err(e, "tanh");
        }
    }

    public Tensor sigmoid() {
        try {
            return adopt(h().sigmoid());
        } catch (RuntimeException e) {
            throw err(e, "sigmoid");
        }
    }

    public Tensor relu() {
        try {
            return adopt(h().relu());
        } catch (RuntimeException e) {
            throw err(e, "relu");
        }
    }

    // Kotlin / Groovy operator names: one-line delegations, no second implementation.
    public Tensor plus(Tensor other) { return add(other); }
    public Tensor plus(double other) { return add(other); }
    public Tensor minus(Tensor other) { return sub(other); }
    public Tensor minus(double other) { return sub(other); }
    public Tensor times(Tensor other) { return mul(other); }
    public Tensor times(double other) { return mul(other); }
    public Tensor unaryMinus() { return neg(); }

    // ---------------------------------------------------------------- in-place (return this)

    public Tensor add_(Tensor other) {
        try {
            h().add_(arg(other, "add_"));
            return this;
        } catch (RuntimeException e) {
            throw err(e, "add_", other);
        }
    }

    /** {@code this += alpha * other}, rounded once per element as PyTorch's {@code add_(other, alpha=)}. */
    public Tensor add_(Tensor other, double alpha) {
        try {
            h().add_(arg(other, "add_"), Scalars.of(alpha));
            return this;
        } catch (RuntimeException e) {
            throw err(e, "add_", other, alpha);
        }
    }

    public Tensor add_(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            if (float32Operand(n, other)) {
                n.add_(Scalars.wrappedFloat(other));
            } else {
                n.add_(Scalars.of(other));
            }
            return this;
        } catch (RuntimeException e) {
            throw err(e, "add_", other);
        }
    }

    public Tensor sub_(Tensor other) {
        try {
            h().sub_(arg(other, "sub_"));
            return this;
        } catch (RuntimeException e) {
            throw err(e, "sub_", other);
        }
    }

    public Tensor sub_(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            if (float32Operand(n, other)) {
                n.sub_(Scalars.wrappedFloat(other));
            } else {
                n.sub_(Scalars.of(other));
            }
            return this;
        } catch (RuntimeException e) {
            throw err(e, "sub_", other);
        }
    }

    public Tensor mul_(Tensor other) {
        try {
            h().mul_(arg(other, "mul_"));
            return this;
        } catch (RuntimeException e) {
            throw err(e, "mul_", other);
        }
    }

    public Tensor mul_(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            if (float32Operand(n, other)) {
                n.mul_(Scalars.wrappedFloat(other));
            } else {
                n.mul_(Scalars.of(other));
            }
            return this;
        } catch (RuntimeException e) {
            throw err(e, "mul_", other);
        }
    }

    public Tensor div_(double other) {
        try {
            org.bytedeco.pytorch.Tensor n = h();
            if (float32Operand(n, other)) {
                n.div_(Scalars.wrappedFloat(other));
            } else {
                n.div_(Scalars.of(other));
            }
            return this;
        } catch (RuntimeException e) {
            throw err(e, "div_", other);
        }
    }

    public Tensor fill_(double value) {
        try {
            h().fill_(Scalars.of(value));
            return this;
        } catch (RuntimeException e) {
            throw err(e, "fill_", value);
        }
    }

    public Tensor zero_() {
        try {
            h().zero_();
            return this;
        } catch (RuntimeException e) {
            throw err(e, "zero_");
        }
    }

    /** Copies {@code src}'s values into this tensor (broadcast, dtype converted). */
    public Tensor copy_(Tensor src) {
        try {
            h().copy_(arg(src, "copy_"));
            return this;
        } catch (RuntimeException e) {
            throw err(e, "copy_", src);
        }
    }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() {
        try {
            return adopt(h().sum());
        } catch (RuntimeException e) {
            throw err(e, "sum");
        }
    }

    public Tensor sum(long dim) {
        return sum(new long[] {dim}, false);
    }

    public Tensor sum(long[] dims, boolean keepdim) {
        Objects.requireNonNull(dims, "dims");
        try {
            return adopt(h().sum(dims, keepdim, null));
        } catch (RuntimeException e) {
            throw err(e, "sum", Arrays.toString(dims));
        }
    }

    public Tensor mean() {
        try {
            return adopt(h().mean());
        } catch (RuntimeException e) {
            throw err(e, "mean");
        }
    }

    public Tensor mean(long dim) {
        return mean(new long[] {dim}, false);
    }

    public Tensor mean(long[] dims, boolean keepdim) {
        Objects.requireNonNull(dims, "dims");
        try {
            return adopt(h().mean(dims, keepdim, null));
        } catch (RuntimeException e) {
            throw err(e, "mean", Arrays.toString(dims));
        }
    }

    /** Largest element, as a 0-dim tensor. */
    public Tensor max() {
        try {
            return adopt(h().max());
        } catch (RuntimeException e) {
            throw err(e, "max");
        }
    }

    /** Smallest element, as a 0-dim tensor. */
    public Tensor min() {
        try {
            return adopt(h().min());
        } catch (RuntimeException e) {
            throw err(e, "min");
        }
    }

    /** {@code torch.max(x, dim, keepdim)}: values and their indices along {@code dim}. */
    public ValuesIndices max(long dim, boolean keepdim) {
        try {
            return pair(h().max(dim, keepdim));
        } catch (RuntimeException e) {
            throw err(e, "max", "dim=" + dim);
        }
    }

    /** {@code torch.min(x, dim, keepdim)}: values and their indices along {@code dim}. */
    public ValuesIndices min(long dim, boolean keepdim) {
        try {
            return pair(h().min(dim, keepdim));
        } catch (RuntimeException e) {
            throw err(e, "min", "dim=" + dim);
        }
    }

    private static ValuesIndices pair(T_TensorTensor_T tuple) {
        try (tuple) {
            return new ValuesIndices(adopt(new org.bytedeco.pytorch.Tensor(tuple.get0())),
                    adopt(new org.bytedeco.pytorch.Tensor(tuple.get1())));
        }
    }

    /** The (values, indices) pair of {@code max(dim)} / {@code min(dim)}; closing it closes both. */
    public record ValuesIndices(Tensor values, Tensor indices) implements AutoCloseable {
        @Override
        public void close() {
            values.close();
            indices.close();
        }
    }

    // ---------------------------------------------------------------- shape

    public Tensor reshape(long... shape) {
        Objects.requireNonNull(shape, "shape");
        try {
            return adopt(h().reshape(shape));
        } catch (RuntimeException e) {
            throw err(e, "reshape", Arrays.toString(shape));
        }
    }

    public Tensor view(long... shape) {
        Objects.requireNonNull(shape, "shape");
        try {
            return adopt(h().view(shape));
        } catch (RuntimeException e) {
            throw err(e, "view", Arrays.toString(shape));
        }
    }

    public Tensor unsqueeze(long dim) {
        try {
            return adopt(h().unsqueeze(dim));
        } catch (RuntimeException e) {
            throw err(e, "unsqueeze", "dim=" + dim);
        }
    }

    public Tensor squeeze() {
        try {
            return adopt(h().squeeze());
        } catch (RuntimeException e) {
            throw err(e, "squeeze");
        }
    }

    public Tensor squeeze(long dim) {
        try {
            return adopt(h().squeeze(dim));
        } catch (RuntimeException e) {
            throw err(e, "squeeze", "dim=" + dim);
        }
    }

    public Tensor flatten() {
        try {
            return adopt(h().flatten());
        } catch (RuntimeException e) {
            throw err(e, "flatten");
        }
    }

    public Tensor flatten(long startDim, long endDim) {
        try {
            return adopt(h().flatten(startDim, endDim));
        } catch (RuntimeException e) {
            throw err(e, "flatten", "start_dim=" + startDim, "end_dim=" + endDim);
        }
    }

    public Tensor transpose(long dim0, long dim1) {
        try {
            return adopt(h().transpose(dim0, dim1));
        } catch (RuntimeException e) {
            throw err(e, "transpose", "dim0=" + dim0, "dim1=" + dim1);
        }
    }

    /** Matrix transpose of a tensor with at most 2 dims ({@code x.t()}). */
    public Tensor t() {
        try {
            return adopt(h().t());
        } catch (RuntimeException e) {
            throw err(e, "t");
        }
    }

    public Tensor permute(long... dims) {
        Objects.requireNonNull(dims, "dims");
        try {
            return adopt(h().permute(dims));
        } catch (RuntimeException e) {
            throw err(e, "permute", Arrays.toString(dims));
        }
    }

    public Tensor contiguous() {
        try {
            return adopt(h().contiguous());
        } catch (RuntimeException e) {
            throw err(e, "contiguous");
        }
    }

    // ---------------------------------------------------------------- indexing

    /** {@code x.select(dim, index)}: removes {@code dim}; negative index counts from the end. */
    public Tensor select(long dim, long index) {
        try {
            return adopt(h().select(dim, index));
        } catch (RuntimeException e) {
            throw err(e, "select", "dim=" + dim, "index=" + index);
        }
    }

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
        try {
            return adopt(h().slice(dim, new LongOptional(start), new LongOptional(stop), step));
        } catch (RuntimeException e) {
            throw err(e, "slice", "dim=" + dim, start + ":" + stop + ":" + step);
        }
    }

    /** {@code x.narrow(dim, start, length)}. */
    public Tensor narrow(long dim, long start, long length) {
        try {
            return adopt(h().narrow(dim, start, length));
        } catch (RuntimeException e) {
            throw err(e, "narrow", "dim=" + dim, "start=" + start, "length=" + length);
        }
    }

    /**
     * Python-style indexing: each item is an integer (selects, removing the dim) or a
     * {@link Slice} (keeps the dim). {@code weight[:, 0]} is {@code weight.index(Slice.ALL, 0)}.
     */
    public Tensor index(Object... indices) {
        Objects.requireNonNull(indices, "indices");
        org.bytedeco.pytorch.Tensor cur = h();
        int rank = (int) cur.dim();
        if (indices.length > rank) {
            throw new IndexOutOfBoundsException("index: too many indices (" + indices.length + ") for a tensor of shape " + describe());
        }
        try (Scope inner = Scope.open()) {
            Tensor result = this;
            long dim = 0;
            for (Object o : indices) {
                if (o instanceof Slice s) {
                    long size = result.size((int) dim);
                    result = result.slice(dim, s.start(), Math.min(s.stop(), size), s.step());
                    dim++;
                } else if (o instanceof Number num && !(o instanceof Double) && !(o instanceof Float)) {
                    long i = num.longValue();
                    long size = result.size((int) dim);
                    if (i < -size || i >= size) {
                        throw new IndexOutOfBoundsException("index " + i + " is out of bounds for dimension " + dim
                                + " with size " + size + " (tensor " + describe() + ")");
                    }
                    result = result.select(dim, i);
                } else {
                    throw new IllegalArgumentException("index: expected an integer or a Slice, got "
                            + (o == null ? "null" : o.getClass().getSimpleName()));
                }
            }
            if (result == this) {
                result = alias();
            }
            return result.keep();
        }
    }

    /** A new reference to the same tensor (shares storage and autograd identity). */
    private Tensor alias() {
        return adopt(new org.bytedeco.pytorch.Tensor(h()));
    }

    // ---------------------------------------------------------------- linear algebra

    public Tensor matmul(Tensor other) {
        try {
            return adopt(h().matmul(arg(other, "matmul")));
        } catch (RuntimeException e) {
            throw err(e, "matmul", other);
        }
    }

    // ---------------------------------------------------------------- conversion

    /** The single value of a one-element tensor, as a double ({@code .item()} in Python gives a float). */
    public double item() {
        return itemDouble();
    }

    public double itemDouble() {
        checkOneElement("itemDouble");
        try {
            return h().item_double();
        } catch (RuntimeException e) {
            throw err(e, "item");
        }
    }

    public float itemFloat() {
        checkOneElement("itemFloat");
        try {
            return h().item_float();
        } catch (RuntimeException e) {
            throw err(e, "item");
        }
    }

    public long itemLong() {
        checkOneElement("itemLong");
        try {
            return h().item_long();
        } catch (RuntimeException e) {
            throw err(e, "item");
        }
    }

    private void checkOneElement(String op) {
        long n = h().numel();
        if (n != 1) {
            throw new IllegalArgumentException(op + ": a tensor with " + n + " elements cannot be converted to a scalar (" + describe() + ")");
        }
    }

    /** All elements, row-major, converted to float. */
    public float[] toFloatArray() {
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.Tensor c = dense(DType.FLOAT32).h();
            float[] out = new float[Math.toIntExact(c.numel())];
            c.data_ptr_float().get(out);
            return out;
        }
    }

    /** All elements, row-major, converted to double. */
    public double[] toDoubleArray() {
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.Tensor c = dense(DType.FLOAT64).h();
            double[] out = new double[Math.toIntExact(c.numel())];
            c.data_ptr_double().get(out);
            return out;
        }
    }

    /** All elements, row-major, converted to long. */
    public long[] toLongArray() {
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.Tensor c = dense(DType.INT64).h();
            long[] out = new long[Math.toIntExact(c.numel())];
            c.data_ptr_long().get(out);
            return out;
        }
    }

    /** A contiguous CPU copy in {@code dtype}, detached from autograd (scoped by the caller). */
    private Tensor dense(DType dtype) {
        try {
            return adopt(h().detach().to(Device.CPU.toNative(), dtype.scalarType()).contiguous());
        } catch (RuntimeException e) {
            throw err(e, "to array");
        }
    }

    /** Converts to {@code dtype} (a new tensor; the same values rounded as PyTorch rounds). */
    public Tensor to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        try {
            return adopt(h().to(dtype.scalarType()));
        } catch (RuntimeException e) {
            throw err(e, "to", dtype);
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
        h();
        if (device.isCuda()) {
            Torch.checkCuda(device, "to");
        }
        try {
            return adopt(h().to(device.toNative(), h().scalar_type()));
        } catch (RuntimeException e) {
            throw err(e, "to", device);
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
        return h().is_cuda();
    }

    /** A tensor sharing storage, cut out of the autograd graph. */
    public Tensor detach() {
        try {
            return adopt(h().detach());
        } catch (RuntimeException e) {
            throw err(e, "detach");
        }
    }

    /** A copy with its own storage (differentiable, like {@code torch.clone}). */
    public Tensor clone() {
        try {
            return adopt(h().clone());
        } catch (RuntimeException e) {
            throw err(e, "clone");
        }
    }

    /** Exact equality of shape and every element ({@code torch.equal}). */
    public boolean equal(Tensor other) {
        try {
            return h().equal(arg(other, "equal"));
        } catch (RuntimeException e) {
            throw err(e, "equal", other);
        }
    }

    /** {@code torch.allclose(this, other, rtol, atol)}. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        try {
            return h().allclose(arg(other, "allclose"), rtol, atol, false);
        } catch (RuntimeException e) {
            throw err(e, "allclose", other);
        }
    }

    // ---------------------------------------------------------------- autograd

    /** Whether autograd records operations on this tensor ({@code x.requires_grad}). */
    public boolean requiresGrad() {
        return h().requires_grad();
    }

    /** Sets {@code requires_grad} in place ({@code x.requires_grad_(flag)}); returns {@code this}. */
    public Tensor requiresGrad(boolean flag) {
        try {
            h().requires_grad_(flag);
            return this;
        } catch (RuntimeException e) {
            throw err(e, "requiresGrad", flag);
        }
    }

    /** {@code x.is_leaf}. */
    public boolean isLeaf() {
        return h().is_leaf();
    }

    /** Also keep {@code .grad} for this non-leaf tensor ({@code x.retain_grad()}). */
    public Tensor retainGrad() {
        try {
            h().retain_grad();
            return this;
        } catch (RuntimeException e) {
            throw err(e, "retainGrad");
        }
    }

    /**
     * The accumulated gradient ({@code x.grad}), or {@code null} when there is none — as Python's
     * {@code None}. The result is a new reference owned by the caller (scoped as usual); it stays
     * valid even if the gradient is later cleared or replaced.
     */
    public Tensor grad() {
        org.bytedeco.pytorch.Tensor g = h().grad();
        if (g == null || g.isNull() || !g.defined()) {
            return null;
        }
        return adopt(new org.bytedeco.pytorch.Tensor(g));
    }

    /** {@code x.grad = value}; {@code setGrad(null)} is Python's {@code x.grad = None}. Returns {@code this}. */
    public Tensor setGrad(Tensor value) {
        org.bytedeco.pytorch.Tensor mg = h().mutable_grad();
        try {
            if (value == null) {
                mg.reset();
            } else {
                mg.put(arg(value, "setGrad"));
            }
            return this;
        } catch (RuntimeException e) {
            throw err(e, "setGrad", value);
        }
    }

    /** The name of the autograd node that made this tensor (e.g. {@code AddBackward0}), or null for a leaf. */
    public String gradFn() {
        // grad_fn() hands out a shared_ptr: release it now, or the node (and what it saved) lives until a GC
        try (Node n = h().grad_fn()) {
            if (n == null || n.isNull()) {
                return null;
            }
            return n.name().getString();
        }
    }

    /** {@code loss.backward()}: frees the graph afterwards. */
    public void backward() {
        try {
            h().backward();
        } catch (RuntimeException e) {
            throw err(e, "backward");
        }
    }

    /** {@code loss.backward(retain_graph=retainGraph)}. */
    public void backward(boolean retainGraph) {
        try {
            h().backward(UNDEFINED, new BoolOptional(retainGraph), false, (TensorArrayRefOptional) null);
        } catch (RuntimeException e) {
            throw err(e, "backward", "retain_graph=" + retainGraph);
        }
    }

    /** {@code y.backward(gradient, retain_graph=retainGraph)} for a non-scalar {@code y}. */
    public void backward(Tensor gradient, boolean retainGraph) {
        try {
            h().backward(arg(gradient, "backward"), new BoolOptional(retainGraph), false, (TensorArrayRefOptional) null);
        } catch (RuntimeException e) {
            throw err(e, "backward", gradient);
        }
    }

    // ---------------------------------------------------------------- printing

    /**
     * PyTorch-like text, e.g. {@code tensor([1.5, -2.0], requires_grad=True)}; floating values use
     * Python's {@code repr} digits (the shortest that round-trip). Large tensors are summarised.
     */
    @Override
    public String toString() {
        if (h == null) {
            return "tensor(<closed>)";
        }
        return TensorFormat.format(this);
    }
}
