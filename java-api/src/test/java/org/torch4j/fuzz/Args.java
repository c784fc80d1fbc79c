package org.torch4j.fuzz;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Slice;
import org.torch4j.Tensor;
import org.torch4j.autograd.Function;
import org.torch4j.nn.Module;
import org.torch4j.optim.Optimizer;

/**
 * Synthesizes an argument for a parameter from its type, drawing on the sequence's pool: live,
 * closed and null tensors, small longs including negatives and the extremes, doubles including
 * NaN and infinities, every dtype, shapes that are empty, 0-dim, with zeros or {@code -1}, and
 * (depth-limited) instances of torch4j's own value classes through their public constructors.
 * Sizes stay small enough that no combination of pool tensors allocates more than tens of MB.
 */
final class Args {
    static final long[] LONGS = {-2, -1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 7, 16, 64};
    static final long[] RARE_LONGS = {1000, -1000, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};
    static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -3.5, 1e-3, 10.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, Double.MIN_VALUE};
    /** The dtypes factories make (quantized tensors come only from quantizePerTensor / quantizePerChannel). */
    static final DType[] PLAIN_DTYPES = java.util.Arrays.stream(DType.values()).filter(d -> !d.isQuantized()).toArray(DType[]::new);
    static final long[][] SHAPES = {{}, {0}, {1}, {3}, {2, 3}, {3, 1}, {1, 3}, {2, 0, 3}, {4, 4}, {-1}, {6, -1},
            {1, 2, 3, 1}, {2, 2, 2, 2, 2}, {3, 2}, {2}, {4096}, {64, 64}, {-2, 3}, {0, 0}, {1, 1, 1}};
    /** Shapes whose element count overflows a long, or is far beyond any memory. */
    static final long[][] HUGE_SHAPES = {{Long.MAX_VALUE, 2}, {1L << 62, 4}, {1L << 40}, {1L << 32, 1L << 32}};
    static final String[] STRINGS = {"", "weight", "bias", "x", "a.b", "fc1", "mean", "sum", "none", "float32", "cpu", "ü"};

    private final Random r;
    private final Pool pool;

    Args(Random r, Pool pool) {
        this.r = r;
        this.pool = pool;
    }

    /** One argument for every parameter of {@code e}. */
    Object[] forMember(Executable e) {
        Class<?>[] ps = e.getParameterTypes();
        Type[] gs = e.getGenericParameterTypes();
        Object[] out = new Object[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = of(ps[i], gs.length == ps.length ? gs[i] : ps[i], 0);
        }
        return out;
    }

    long smallLong() {
        return r.nextInt(40) == 0 ? RARE_LONGS[r.nextInt(RARE_LONGS.length)] : LONGS[r.nextInt(LONGS.length)];
    }

    double aDouble() {
        return r.nextInt(4) == 0 ? DOUBLES[r.nextInt(DOUBLES.length)] : DOUBLES[r.nextInt(9)];
    }

    long[] shape() {
        if (r.nextInt(100) == 0) {
            return HUGE_SHAPES[r.nextInt(HUGE_SHAPES.length)].clone();
        }
        if (r.nextInt(3) == 0) {
            int n = r.nextInt(5);
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(12) == 0 ? -1 : r.nextInt(5);
            }
            return s;
        }
        return SHAPES[r.nextInt(SHAPES.length)].clone();
    }

    Object of(Class<?> t, Type g, int depth) {
        boolean nullable = !t.isPrimitive();
        if (nullable && r.nextInt(30) == 0) {
            return null;
        }
        if (t == long.class || t == Long.class) {
            return smallLong();
        }
        if (t == int.class || t == Integer.class) {
            return (int) smallLong();
        }
        if (t == short.class || t == Short.class) {
            return (short) smallLong();
        }
        if (t == byte.class || t == Byte.class) {
            return (byte) smallLong();
        }
        if (t == double.class || t == Double.class) {
            return aDouble();
        }
        if (t == float.class || t == Float.class) {
            return (float) aDouble();
        }
        if (t == boolean.class || t == Boolean.class) {
            return r.nextBoolean();
        }
        if (t == Number.class) {
            return r.nextBoolean() ? (Object) smallLong() : (Object) aDouble();
        }
        if (t == String.class || t == CharSequence.class) {
            return STRINGS[r.nextInt(STRINGS.length)];
        }
        if (t == Tensor.class) {
            return pool.tensorArg();
        }
        if (t == DType.class) {
            return DType.values()[r.nextInt(DType.values().length)];
        }
        if (t == Device.class) {
            return r.nextInt(10) == 0 ? Device.cuda(0) : Device.CPU;
        }
        if (t == Slice.class) {
            return r.nextInt(4) == 0 ? Slice.ALL : new Slice(smallLong() % 5, smallLong() % 9, 1 + r.nextInt(3));
        }
        if (t.isEnum()) {
            Object[] cs = t.getEnumConstants();
            return cs[r.nextInt(cs.length)];
        }
        if (Function.class.isAssignableFrom(t)) {
            return MisbehavingFunction.random(r);
        }
        if (Module.class.isAssignableFrom(t)) {
            Object m = pool.pick(pool.modules, t);
            return m != null ? m : construct(t, depth);
        }
        if (Optimizer.class.isAssignableFrom(t)) {
            return pool.pick(pool.optimizers, t);
        }
        if (t == long[].class) {
            return shape();
        }
        if (t == Object[].class || t == Object.class) {
            Object[] idx = new Object[r.nextInt(4)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = switch (r.nextInt(7)) {
                    case 0, 1 -> smallLong() % 6;
                    case 2 -> (int) (smallLong() % 6);
                    case 3 -> of(Slice.class, Slice.class, depth);
                    case 4 -> pool.tensorArg();
                    case 5 -> null;
                    default -> STRINGS[r.nextInt(STRINGS.length)];
                };
            }
            return t == Object.class ? (idx.length > 0 ? idx[0] : null) : idx;
        }
        if (t.isArray()) {
            Class<?> c = t.getComponentType();
            int n = c.isPrimitive() ? r.nextInt(13) : r.nextInt(4);
            if (c.isPrimitive() && r.nextInt(8) == 0) {
                n = (int) Math.abs(shapeNumel(shape()));
            }
            Object a = Array.newInstance(c, n);
            for (int i = 0; i < n; i++) {
                Array.set(a, i, of(c, c, depth + 1));
            }
            return a;
        }
        if (t == List.class || t == Iterable.class || t == Collection.class) {
            Class<?> el = elementType(g);
            List<Object> l = new ArrayList<>();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                l.add(of(el, el, depth + 1));
            }
            return l;
        }
        return construct(t, depth);
    }

    private static long shapeNumel(long[] s) {
        long n = 1;
        for (long d : s) {
            n *= Math.max(d, 0);
        }
        return Math.min(n, 4096);
    }

    /** A torch4j value class through one of its public constructors (depth-limited); null if none fits. */
    private Object construct(Class<?> t, int depth) {
        if (depth > 2 || !t.getName().startsWith("org.torch4j") || Modifier.isAbstract(t.getModifiers())) {
            return null;
        }
        Constructor<?>[] ks = t.getConstructors();
        if (ks.length == 0) {
            return null;
        }
        java.util.Arrays.sort(ks, java.util.Comparator.comparing(Surface::sig));
        Constructor<?> k = ks[r.nextInt(ks.length)];
        Object[] a = new Object[k.getParameterCount()];
        Class<?>[] ps = k.getParameterTypes();
        Type[] gs = k.getGenericParameterTypes();
        for (int i = 0; i < a.length; i++) {
            a[i] = of(ps[i], gs.length == ps.length ? gs[i] : ps[i], depth + 1);
        }
        try {
            Object o = k.newInstance(a);
            pool.own(o);
            return o;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // the constructor refused these values: the member gets null here
        }
    }

    private static Class<?> elementType(Type g) {
        if (g instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            Type a = p.getActualTypeArguments()[0];
            if (a instanceof Class<?> c) {
                return c;
            }
            if (a instanceof java.lang.reflect.WildcardType w && w.getUpperBounds()[0] instanceof Class<?> c) {
                return c;
            }
        }
        return Tensor.class;
    }

    /** Why a member cannot be called with synthesized arguments, or null when it can. */
    static String unsupported(Executable e) {
        return unsupported(e, 0);
    }

    private static String unsupported(Executable e, int depth) {
        Class<?>[] ps = e.getParameterTypes();
        Type[] gs = e.getGenericParameterTypes();
        for (int i = 0; i < ps.length; i++) {
            String why = unsupported(ps[i], gs.length == ps.length ? gs[i] : ps[i], depth);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static String unsupported(Class<?> t, Type g, int depth) {
        if (t.isPrimitive()) {
            return t == char.class ? "char parameter" : null;
        }
        if (t == Long.class || t == Integer.class || t == Short.class || t == Byte.class || t == Double.class
                || t == Float.class || t == Boolean.class || t == Number.class || t == String.class || t == CharSequence.class
                || t == Tensor.class || t == DType.class || t == Device.class || t == Slice.class || t.isEnum()
                || Function.class.isAssignableFrom(t) || Module.class.isAssignableFrom(t) || Optimizer.class.isAssignableFrom(t)
                || t == Object[].class || t == Object.class) {
            return null;
        }
        if (t.isArray()) {
            return unsupported(t.getComponentType(), t.getComponentType(), depth + 1);
        }
        if (t == List.class || t == Iterable.class || t == Collection.class) {
            Class<?> el = elementType(g);
            return unsupported(el, el, depth + 1);
        }
        if (depth <= 2 && t.getName().startsWith("org.torch4j") && !Modifier.isAbstract(t.getModifiers())) {
            for (Constructor<?> k : t.getConstructors()) {
                if (unsupported(k, depth + 1) == null) {
                    return null;
                }
            }
        }
        return "parameter type " + g.getTypeName() + " cannot be synthesized";
    }
}
