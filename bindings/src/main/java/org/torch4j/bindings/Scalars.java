package org.torch4j.bindings;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Scalar;

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

    private Scalars() {
    }

    /** A scalar holding {@code v} as a double (PyTorch's Python-float operand). Never close it. */
    public static Scalar of(double v) {
        Long key = Double.doubleToRawLongBits(v);
        Scalar s = DOUBLES.get(key);
        if (s != null) {
            return s;
        }
        return DOUBLES.size() < MAX_CACHED ? DOUBLES.computeIfAbsent(key, k -> new Scalar(v)) : new Scalar(v);
    }

    /** A scalar holding {@code v} as an integer (PyTorch's Python-int operand). Never close it. */
    public static Scalar of(long v) {
        Scalar s = LONGS.get(v);
        if (s != null) {
            return s;
        }
        return LONGS.size() < MAX_CACHED ? LONGS.computeIfAbsent(v, k -> new Scalar(v)) : new Scalar(v);
    }
}
