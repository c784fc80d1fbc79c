package org.torch4j.bindings;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Cached native {@code at::Scalar}s. Creating one costs a native allocation plus JavaCPP's
 * deallocator bookkeeping (a {@code x.mul(new Scalar(2.0))} costs about twice {@code x.add(y)});
 * scalars are immutable, so the values a program uses repeatedly (learning rates, exponents,
 * constants) are made once and shared across threads. The cache is bounded; past the bound
 * a fresh scalar is returned that JavaCPP frees when it becomes unreachable (16 bytes each).
 */
public final class Scalars {
    private static final int MAX_CACHED = 4096;
    private static final ConcurrentHashMap<Long, Scalar> DOUBLES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, Scalar> LONGS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, Tensor> WRAPPED_FLOAT = new ConcurrentHashMap<>();
    private static final TensorOptions FLOAT32 = Cached.make(() -> new TensorOptions(torch.ScalarType.Float));

    private Scalars() {
    }

    /** A scalar holding {@code v} as a double (PyTorch's Python-float operand). Never close it. */
    public static Scalar of(double v) {
        Long key = Double.doubleToRawLongBits(v);
        Scalar s = DOUBLES.get(key);
        if (s != null) {
            return s;
        }
        return DOUBLES.size() < MAX_CACHED ? DOUBLES.computeIfAbsent(key, k -> Cached.make(() -> new Scalar(v))) : new Scalar(v);
    }

    /** A scalar holding {@code v} as an integer (PyTorch's Python-int operand). Never close it. */
    public static Scalar of(long v) {
        Scalar s = LONGS.get(v);
        if (s != null) {
            return s;
        }
        return LONGS.size() < MAX_CACHED ? LONGS.computeIfAbsent(v, k -> Cached.make(() -> new Scalar(v))) : new Scalar(v);
    }

    /**
     * A cached 0-dim float32 CPU tensor flagged as a <em>wrapped number</em> (as Python's
     * {@code x * 2.0} operand), holding {@code (float) v}. ATen runs {@code x.mul(Scalar)} (and
     * add, sub, div, in place too) as {@code x.mul(wrapped_scalar_tensor(s))} with a float64 operand
     * that a float32 kernel casts to float32 (round to nearest, as {@code (float) v}) on every call;
     * passing this one to the tensor overload gives the same bits, type promotion and autograd node
     * ({@code MulBackward0}, as Python) without the allocation and the cast: {@code x.mul(2.0)} on one
     * element takes about 1.1–1.4 µs instead of 2.5–2.8 µs. For float32 tensors only. Shared across
     * threads: never close or modify it.
     */
    public static Tensor wrappedFloat(double v) {
        float f = (float) v;
        Integer key = Float.floatToRawIntBits(f);
        Tensor t = WRAPPED_FLOAT.get(key);
        if (t != null) {
            return t;
        }
        return WRAPPED_FLOAT.size() < MAX_CACHED ? WRAPPED_FLOAT.computeIfAbsent(key, k -> Cached.make(() -> newWrappedFloat(f))) : newWrappedFloat(f);
    }

    private static Tensor newWrappedFloat(float f) {
        Tensor t = torch.full(new long[0], of((double) f), FLOAT32);
        t.unsafeGetTensorImpl().set_wrapped_number(true);
        return t;
    }
}
