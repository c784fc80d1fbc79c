package org.torch4j.fuzz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.optim.Optimizer;

/**
 * What one sequence has made so far: tensors (live and closed ones, both are arguments), modules,
 * optimizers and other closeables. Tensors larger than {@link #MAX_NUMEL} are closed at once and
 * the pool is capped at {@link #MAX_TENSORS}, so memory stays bounded whatever the calls do; a
 * tensor evicted from a full pool is closed or simply dropped (then a Scope or the Cleaner frees it).
 */
final class Pool {
    static final int MAX_TENSORS = 40;
    static final long MAX_NUMEL = 4096;

    final List<Tensor> tensors = new ArrayList<>();
    final List<Module> modules = new ArrayList<>();
    final List<Optimizer> optimizers = new ArrayList<>();
    final List<AutoCloseable> others = new ArrayList<>();
    private final Map<Object, Boolean> known = new IdentityHashMap<>();
    private final Random r;
    private final Sequence seq;
    int dropped;

    Pool(Random r, Sequence seq) {
        this.r = r;
        this.seq = seq;
    }

    /** A tensor argument: mostly a pooled one (maybe closed), sometimes a fresh or a closed one. */
    Tensor tensorArg() {
        int d = r.nextInt(100);
        if (tensors.isEmpty() || d < 6) {
            Tensor t = fresh();
            if (t != null && d < 2) {
                t.close();
            }
            return t;
        }
        return tensors.get(r.nextInt(tensors.size()));
    }

    /** A pooled tensor that is open, or null. */
    Tensor live() {
        for (int tries = 0; tries < 8 && !tensors.isEmpty(); tries++) {
            Tensor t = tensors.get(r.nextInt(tensors.size()));
            if (!t.isClosed()) {
                return t;
            }
        }
        return null;
    }

    /** A random element of {@code list} that is an instance of {@code type}, or null. */
    <T> T pick(List<? extends T> list, Class<?> type) {
        List<T> fit = new ArrayList<>();
        for (T x : list) {
            if (type.isInstance(x)) {
                fit.add(x);
            }
        }
        return fit.isEmpty() ? null : fit.get(r.nextInt(fit.size()));
    }

    /**
     * A new tensor from a random factory: every dtype, shapes that are empty, 0-dim or 4096 long,
     * and a non-contiguous view of it a third of the time. Null when the factory refused.
     */
    Tensor fresh() {
        DType d = Args.PLAIN_DTYPES[r.nextInt(Args.PLAIN_DTYPES.length)]; // quantized ones come from quantize*, not factories
        long[] s = Args.SHAPES[r.nextInt(Args.SHAPES.length)].clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(s[i]);
        }
        int f = r.nextInt(10);
        double v = Args.DOUBLES[r.nextInt(Args.DOUBLES.length)];
        Tensor t = seq.attempt(() -> "fresh#" + f + " " + d + java.util.Arrays.toString(s), () -> switch (f) {
            case 0 -> Torch.zeros(d, s);
            case 1 -> Torch.ones(d, s);
            case 2 -> Torch.full(s, v, d);
            case 3 -> Torch.empty(d, s);
            case 4 -> Torch.rand(d, s);
            case 5 -> Torch.randn(d, s);
            case 6 -> Torch.arange(r.nextInt(20));
            case 7 -> Torch.scalar(v, d);
            case 8 -> Torch.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            default -> Torch.randn(s);
        });
        if (t == null) {
            return null;
        }
        add(t);
        if (r.nextInt(3) == 0 && !t.isClosed()) {
            Tensor base = t;
            Tensor view = seq.attempt(() -> "view of " + base, () -> {
                int dim = base.dim();
                if (dim >= 2) {
                    return base.transpose(0, dim - 1);
                }
                if (dim == 1 && base.size(0) > 1) {
                    return base.slice(0, 0, base.size(0), 2);
                }
                return base.reshape(1, -1).t();
            });
            if (view != null) {
                add(view);
                return view;
            }
        }
        return t;
    }

    /** Takes what a call returned: tensors (also inside arrays, lists and records), modules, optimizers, closeables. */
    void own(Object o) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            return;
        }
        if (o instanceof Tensor t) {
            add(t);
        } else if (o instanceof Object[] a) {
            for (Object x : a) {
                own(x);
            }
        } else if (o instanceof Collection<?> c) {
            for (Object x : new ArrayList<>(c)) {
                own(x);
            }
        } else if (o instanceof Map<?, ?> m) {
            own(new ArrayList<>(m.values()));
        } else if (o instanceof Module m) {
            if (known.put(m, Boolean.TRUE) == null) {
                modules.add(m);
            }
        } else if (o instanceof Optimizer p) {
            if (known.put(p, Boolean.TRUE) == null) {
                optimizers.add(p);
            }
        } else if (o.getClass().isRecord()) {
            for (var c : o.getClass().getRecordComponents()) {
                try {
                    own(c.getAccessor().invoke(o));
                } catch (ReflectiveOperationException e) {
                    // an accessor we cannot call holds nothing we must free
                }
            }
            if (o instanceof AutoCloseable c && known.put(c, Boolean.TRUE) == null) {
                others.add(c);
            }
        } else if (o instanceof AutoCloseable c) {
            if (known.put(c, Boolean.TRUE) == null) {
                others.add(c);
            }
        }
    }

    void add(Tensor t) {
        if (known.put(t, Boolean.TRUE) != null) {
            return;
        }
        if (seq.cutter != null) {
            seq.cutter.keep(t);
        }
        long n;
        try {
            n = t.isClosed() ? 0 : t.numel();
        } catch (RuntimeException e) {
            n = 0; // closed meanwhile by another thread: keep it as a closed argument
        }
        if (n > MAX_NUMEL) {
            t.close();
            return;
        }
        tensors.add(t);
        if (tensors.size() > MAX_TENSORS) {
            Tensor out = tensors.remove(r.nextInt(tensors.size()));
            known.remove(out);
            if (r.nextBoolean()) {
                out.close();
            } else {
                dropped++;
            }
        }
    }

    /** Removes a pooled tensor without closing it: its Scope, or the Cleaner, must free it. */
    void drop() {
        if (!tensors.isEmpty()) {
            known.remove(tensors.remove(r.nextInt(tensors.size())));
            dropped++;
        }
    }

    /** Closes everything: optimizers, modules, tensors, other closeables. */
    void closeAll() {
        for (Optimizer o : optimizers) {
            quietly(o);
        }
        for (Module m : modules) {
            quietly(m);
        }
        for (Tensor t : tensors) {
            quietly(t);
        }
        for (AutoCloseable c : others) {
            quietly(c);
        }
        optimizers.clear();
        modules.clear();
        tensors.clear();
        others.clear();
        known.clear();
    }

    private void quietly(AutoCloseable c) {
        seq.attempt(() -> "cleanup close " + c.getClass().getSimpleName(), () -> {
            c.close();
            return null;
        });
    }
}
