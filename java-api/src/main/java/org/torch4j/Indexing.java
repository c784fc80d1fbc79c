package org.torch4j;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.SymInt;
import org.bytedeco.pytorch.SymIntOptional;
import org.bytedeco.pytorch.TensorIndex;
import org.bytedeco.pytorch.TensorIndexVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.bindings.Scalars;

/**
 * Python's {@code x[...]} and {@code x[...] = v} on LibTorch's own indexing
 * ({@code at::indexing::get_item / set_item} through {@code Tensor.index(TensorIndexVector)} and
 * {@code index_put_}), which is the code PyTorch's Python indexing runs too: basic indexing
 * (integers, slices, ellipsis, None) gives views, tensors and masks give advanced indexing.
 * Every native helper object made here (TensorIndex, Slice, SymInt, the vector) is closed before
 * returning; index tensors made from Java arrays belong to a local Scope.
 */
final class Indexing {
    private Indexing() {
    }

    /** {@code self[indices]}. */
    static Tensor get(Tensor self, Object[] indices) {
        java.util.Objects.requireNonNull(indices, "index: indices");
        if (indices.length == 0) {
            indices = new Object[] {Index.ELLIPSIS}; // x[()] is x[...]: a view of the whole tensor
        }
        List<AutoCloseable> natives = new ArrayList<>();
        List<Tensor> leased = new ArrayList<>();
        try (Scope s = Scope.open()) {
            Object[] items = indices.clone();
            Tensor y = withNewAxes(self, items, "index");
            TensorIndexVector v = build(y, items, natives, leased, "index");
            org.bytedeco.pytorch.Tensor n = y.lease();
            try {
                return Tensor.adopt(n.index(v)).keep();
            } catch (RuntimeException e) {
                throw translate(self, e, "index", indices);
            } finally {
                y.release();
            }
        } finally {
            done(natives, leased);
        }
    }

    /** {@code self[indices] = value} with a tensor value (broadcast to the indexed shape). */
    static void put(Tensor self, Tensor value, Object[] indices) {
        java.util.Objects.requireNonNull(indices, "indexPut_: indices");
        if (indices.length == 0) {
            indices = new Object[] {Index.ELLIPSIS};
        }
        List<AutoCloseable> natives = new ArrayList<>();
        List<Tensor> leased = new ArrayList<>();
        try (Scope s = Scope.open()) {
            Object[] items = indices.clone();
            Tensor y = withNewAxes(self, items, "indexPut_"); // a view: writes reach self
            TensorIndexVector v = build(y, items, natives, leased, "indexPut_");
            org.bytedeco.pytorch.Tensor n = y.lease();
            try {
                org.bytedeco.pytorch.Tensor val = Tensor.leaseArg(value, "indexPut_");
                try {
                    n.index_put_(v, val);
                } finally {
                    value.release();
                }
            } catch (RuntimeException e) {
                throw translate(self, e, "indexPut_", indices);
            } finally {
                y.release();
            }
        } finally {
            done(natives, leased);
        }
    }

    /** {@code self[indices] = value} with a number. */
    static void put(Tensor self, double value, Object[] indices) {
        java.util.Objects.requireNonNull(indices, "indexPut_: indices");
        if (indices.length == 0) {
            indices = new Object[] {Index.ELLIPSIS};
        }
        List<AutoCloseable> natives = new ArrayList<>();
        List<Tensor> leased = new ArrayList<>();
        try (Scope s = Scope.open()) {
            Object[] items = indices.clone();
            Tensor y = withNewAxes(self, items, "indexPut_"); // a view: writes reach self
            TensorIndexVector v = build(y, items, natives, leased, "indexPut_");
            org.bytedeco.pytorch.Tensor n = y.lease();
            try {
                n.index_put_(v, Scalars.of(value));
            } catch (RuntimeException e) {
                throw translate(self, e, "indexPut_", indices);
            } finally {
                y.release();
            }
        } finally {
            done(natives, leased);
        }
    }

    /**
     * Python's {@code None} items (and an empty index, Python's {@code x[()]}): the presets cannot
     * make a None {@code TensorIndex}, so each None becomes an {@code unsqueeze} of the input at
     * the input dimension it stands at, and a {@code :} over that new dimension, which is what
     * {@code applySlicing} does with it (the same view, the same placement of advanced-index
     * dimensions). Rewrites {@code items} in place; returns the tensor to index (a view of
     * {@code self}, or {@code self}). Too many indices fail here with Python's IndexError text.
     */
    private static Tensor withNewAxes(Tensor self, Object[] items, String op) {
        int rank = self.dim();
        int consumed = 0;
        int ellipses = 0;
        boolean none = false;
        for (Object o : items) {
            if (o == Index.ELLIPSIS) {
                ellipses++;
            } else if (o == Index.NONE) {
                none = true;
            } else {
                consumed += dimsConsumed(o);
            }
        }
        if (ellipses > 1) {
            throw new IndexOutOfBoundsException(op + ": an index can only have a single ellipsis ('...')");
        }
        if (consumed > rank) {
            throw new IndexOutOfBoundsException(op + ": too many indices for tensor of dimension " + rank
                    + " (tensor " + self.describe() + ", index " + describe(items) + ")");
        }
        if (!none) {
            return self;
        }
        int ellipsisDims = rank - consumed; // unchanged by the rewrites: each adds one dim and one ':'
        Tensor y = self;
        int dim = 0;
        for (int i = 0; i < items.length; i++) {
            Object o = items[i];
            if (o == Index.NONE) {
                y = y.unsqueeze(dim);
                items[i] = Slice.ALL;
                dim++;
            } else if (o == Index.ELLIPSIS) {
                dim += ellipsisDims;
            } else {
                dim += dimsConsumed(o);
            }
        }
        return y;
    }

    /** How many input dimensions an index item uses up (PyTorch's applySlicing). */
    private static int dimsConsumed(Object o) {
        if (o instanceof Tensor t) {
            DType d = t.dtype();
            if (d == DType.BOOL || d == DType.UINT8) {
                return t.dim(); // a mask spans its own dims; a 0-dim one adds a dim instead
            }
            return 1;
        }
        if (o instanceof Boolean) {
            return 0;
        }
        return 1; // integers, slices, long[]/int[]/boolean[] (1-dim), and unknown items (rejected later)
    }

    private static TensorIndexVector build(Tensor self, Object[] indices, List<AutoCloseable> natives,
            List<Tensor> leased, String op) {
        TensorIndex[] items = new TensorIndex[indices.length];
        for (int i = 0; i < indices.length; i++) {
            items[i] = item(indices[i], i, natives, leased, op);
        }
        TensorIndexVector v = new TensorIndexVector(items);
        natives.add(v);
        return v;
    }

    private static TensorIndex item(Object o, int position, List<AutoCloseable> natives, List<Tensor> leased, String op) {
        TensorIndex ti;
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            ti = new TensorIndex(((Number) o).longValue());
        } else if (o instanceof Slice s) {
            SymInt start = add(natives, new SymInt(s.start()));
            SymInt stop = add(natives, new SymInt(s.stop()));
            SymInt step = add(natives, new SymInt(s.step()));
            org.bytedeco.pytorch.Slice ns = add(natives, new org.bytedeco.pytorch.Slice(
                    add(natives, new SymIntOptional(start)), add(natives, new SymIntOptional(stop)),
                    add(natives, new SymIntOptional(step))));
            ti = new TensorIndex(ns);
        } else if (o == Index.ELLIPSIS) {
            ti = new TensorIndex(torch.Ellipsis());
        } else if (o instanceof Tensor t) {
            ti = new TensorIndex(leaseIndex(t, leased, op));
        } else if (o instanceof long[] a) {
            ti = new TensorIndex(leaseIndex(Torch.tensor(a, Device.CPU), leased, op));
        } else if (o instanceof int[] a) {
            ti = new TensorIndex(leaseIndex(JavaArrays.fromArray(a, a.length, DType.INT64, null), leased, op));
        } else if (o instanceof boolean[] a) {
            ti = new TensorIndex(leaseIndex(JavaArrays.fromArray(a, a.length, DType.BOOL, null), leased, op));
        } else if (o instanceof Boolean b) {
            // x[True] / x[False]: PyTorch treats a bool as a 0-dim mask
            Tensor mask = JavaArrays.fromArray(new boolean[] {b}, 1, DType.BOOL, new long[] {1}).reshape();
            ti = new TensorIndex(leaseIndex(mask, leased, op));
        } else if (o == null) {
            throw new NullPointerException(op + ": index " + position + " is null (for Python's None use Tensor.NONE)");
        } else {
            throw new IllegalArgumentException(op + ": index " + position + " must be an integer, a Slice, Tensor.ELLIPSIS, "
                    + "Tensor.NONE, a Tensor, a long[]/int[]/boolean[] or a Boolean, got " + o.getClass().getSimpleName());
        }
        natives.add(ti);
        return ti;
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> natives, T p) {
        natives.add(p);
        return p;
    }

    private static org.bytedeco.pytorch.Tensor leaseIndex(Tensor t, List<Tensor> leased, String op) {
        org.bytedeco.pytorch.Tensor n = Tensor.leaseArg(t, op);
        leased.add(t);
        return n;
    }

    private static void done(List<AutoCloseable> natives, List<Tensor> leased) {
        for (int i = natives.size() - 1; i >= 0; i--) {
            try {
                natives.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        for (Tensor t : leased) {
            t.release();
        }
    }

    /**
     * Python raises IndexError for an index out of range, too many indices, a mask of the wrong
     * shape, index tensors that do not broadcast or have a wrong dtype: here IndexOutOfBoundsException with c10's (= Python's) text; other native failures
     * become TorchException.
     */
    private static RuntimeException translate(Tensor self, RuntimeException e, String op, Object[] indices) {
        RuntimeException t = self.err(e, op, describe(indices));
        if (t instanceof TorchException te) {
            String line = org.torch4j.bindings.NativeErrors.firstLine(e);
            if (isIndexError(line)) {
                IndexOutOfBoundsException ioe = new IndexOutOfBoundsException(te.getMessage());
                ioe.initCause(te);
                return ioe;
            }
        }
        return t;
    }

    /** The messages of c10's IndexError (TORCH_CHECK_INDEX) on the indexing paths. */
    private static boolean isIndexError(String line) {
        return line.contains("out of bounds for dimension") || line.startsWith("too many indices")
                || line.contains("does not match the shape of the indexed tensor")
                || line.startsWith("shape mismatch: indexing tensors could not be broadcast")
                || line.startsWith("tensors used as indices must be");
    }

    /** Python-like text of an index, for messages: {@code [1, 0:2, ..., None, int64[2]]}. */
    static String describe(Object[] indices) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < indices.length; i++) {
            Object o = indices[i];
            sb.append(i > 0 ? ", " : "");
            if (o == Index.ELLIPSIS) {
                sb.append("...");
            } else if (o == Index.NONE) {
                sb.append("None");
            } else if (o instanceof Tensor t) {
                sb.append(t.isClosed() ? "<closed tensor>" : t.describe());
            } else if (o instanceof long[] a) {
                sb.append(java.util.Arrays.toString(a));
            } else if (o instanceof int[] a) {
                sb.append(java.util.Arrays.toString(a));
            } else if (o instanceof boolean[] a) {
                sb.append(java.util.Arrays.toString(a));
            } else {
                sb.append(o);
            }
        }
        return sb.append(']').toString();
    }
}
