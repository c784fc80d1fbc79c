package org.torch4j.serialization;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Pickler;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Tuple;
import org.torch4j.internal.Native;

/**
 * Writes {@code data.pkl} as Python 1.13's {@code torch.save} does (protocol 2): razorvine's
 * pickler writes the plain values; this class adds the PyTorch parts: a tensor is
 * {@code _rebuild_tensor_v2(persistent_id(('storage', torch.<T>Storage, key, 'cpu', numel)),
 * offset, size, stride, requires_grad, OrderedDict())}, a {@link LinkedHashMap} an
 * {@code OrderedDict}, a {@link Tuple} a tuple, a {@link Device} a {@code torch.device}, a
 * {@link DType} a {@code torch.float32}-style global. Tensors that share a native storage share
 * one storage record. Any other type is an IllegalArgumentException (nothing is written as a
 * Java bean).
 */
final class TorchPickler extends Pickler {
    private static final int MAX_DEPTH = 900; // below razorvine's own limit, for a clear message

    private final List<StorageOut> storages = new ArrayList<>();
    private final Map<Long, StorageOut> byAddress = new HashMap<>();
    private int depth;

    /** One storage to write as {@code data/<key>}: a native reference that keeps its bytes alive until {@link #close}. */
    /**
     * One storage to write. {@code storage} is LibTorch's reference into {@code owner}'s storage (the
     * presets hand {@code Tensor.storage()} out by reference, owning nothing): {@code owner}, a native
     * tensor reference of torch4j's own (a new reference to the saved tensor, or the dense CPU copy
     * made for a CUDA, conjugated or negated one), keeps the bytes alive until they are written, even
     * if the caller closes the tensor on another thread meanwhile. Freed by {@link #releaseStorages}.
     */
    record StorageOut(String key, DType dtype, org.bytedeco.pytorch.Storage storage, long nbytes, org.bytedeco.pytorch.Tensor owner) {
    }

    TorchPickler() {
        super(true, false); // memo by identity: the same Java object is the same Python object
    }

    /** The storages met while pickling, in key order. */
    List<StorageOut> storages() {
        return storages;
    }

    /** Releases the native storage references. */
    void releaseStorages() {
        for (StorageOut s : storages) {
            s.owner().close();
        }
        storages.clear();
        byAddress.clear();
    }

    @Override
    public void save(Object o) throws IOException {
        if (!(o == null || o instanceof Boolean || o instanceof Integer || o instanceof Long || o instanceof Short
                || o instanceof Byte || o instanceof Double || o instanceof Float || o instanceof BigInteger || o instanceof String
                || o instanceof Tensor || o instanceof Map || o instanceof List || o instanceof Device || o instanceof DType)) {
            throw new IllegalArgumentException("save: cannot write a " + o.getClass().getName()
                    + " (supported: Tensor, Map, List, Tuple, String, Boolean, Integer, Long, Double, Float, BigInteger, Device, DType, null)");
        }
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException("save: nesting deeper than " + MAX_DEPTH + " levels (or a cycle)");
        }
        try {
            super.save(o);
        } finally {
            depth--;
        }
    }

    @Override
    protected IObjectPickler getCustomPickler(Class<?> t) {
        if (Tensor.class.isAssignableFrom(t)) {
            return (o, out, p) -> saveTensor((Tensor) o, out);
        }
        if (t == Tuple.class) {
            return (o, out, p) -> saveTuple((Tuple) o, out);
        }
        if (LinkedHashMap.class.isAssignableFrom(t)) {
            return (o, out, p) -> saveOrderedDict((Map<?, ?>) o, out);
        }
        if (t == Device.class) {
            return (o, out, p) -> {
                global(out, "torch", "device");
                save(Tuple.of(o.toString()));
                out.write('R');
            };
        }
        if (t == DType.class) {
            return (o, out, p) -> global(out, "torch", o.toString());
        }
        return null;
    }

    private void saveTuple(Tuple t, OutputStream out) throws IOException {
        switch (t.size()) {
            case 0 -> out.write(')');
            case 1, 2, 3 -> {
                for (Object o : t) {
                    save(o);
                }
                out.write(0x84 + t.size()); // TUPLE1..3
            }
            default -> {
                out.write('(');
                for (Object o : t) {
                    save(o);
                }
                out.write('t');
            }
        }
    }

    private void saveOrderedDict(Map<?, ?> m, OutputStream out) throws IOException {
        global(out, "collections", "OrderedDict");
        out.write(')');
        out.write('R');
        if (!m.isEmpty()) {
            out.write('(');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                save(e.getKey());
                save(e.getValue());
            }
            out.write('u');
        }
    }

    private void saveTensor(Tensor t, OutputStream out) throws IOException {
        org.bytedeco.pytorch.Tensor n = Native.lease(t, "save");
        org.bytedeco.pytorch.Tensor cpu = null;
        StorageOut s;
        long offset;
        long[] size;
        long[] stride;
        boolean requiresGrad;
        DType dtype = t.dtype();
        try {
            if (n.is_sparse() || n.is_quantized() || n.is_mkldnn() || !n.has_storage()) {
                throw new IllegalArgumentException("save: only dense tensors can be saved, got " + Native.describe(t));
            }
            requiresGrad = n.requires_grad();
            // a reference of our own: the storage must outlive this lease (it is written after pickling)
            cpu = !n.is_cpu() || n.is_conj() || n.is_neg() ? dense(n) // its own storage: sharing with other tensors is lost
                    : new org.bytedeco.pytorch.Tensor(n);
            offset = cpu.storage_offset();
            size = cpu.sizes().vec().get();
            stride = cpu.strides().vec().get();
            s = storageOf(cpu, dtype);
            if (s.owner() == cpu) {
                cpu = null; // kept by the storage record until releaseStorages
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, "save", t);
        } finally {
            if (cpu != null) {
                cpu.close();
            }
            Native.release(t);
        }
        global(out, "torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        out.write('(');
        save("storage");
        global(out, "torch", StorageType.of(dtype).pyName);
        save(s.key());
        save("cpu");
        save(s.nbytes() / dtype.itemSize());
        out.write('t');
        out.write('Q'); // BINPERSID
        save(offset);
        save(longTuple(size));
        save(longTuple(stride));
        save(requiresGrad);
        saveOrderedDict(Map.of(), out); // backward hooks
        out.write('t');
        out.write('R');
    }

    /** A CPU copy of {@code n} with its conjugate and negative bits applied. */
    private static org.bytedeco.pytorch.Tensor dense(org.bytedeco.pytorch.Tensor n) {
        try (org.bytedeco.pytorch.Tensor d = n.detach(); org.bytedeco.pytorch.Tensor c = d.cpu();
                org.bytedeco.pytorch.Tensor r = c.resolve_conj(); org.bytedeco.pytorch.Tensor g = r.resolve_neg()) {
            return g.clone();
        }
    }

    /**
     * The storage record of {@code n}'s storage: a new one, which then owns {@code n}, or the one an
     * earlier tensor on the same memory got (and {@code n} stays the caller's to close).
     */
    private StorageOut storageOf(org.bytedeco.pytorch.Tensor n, DType dtype) {
        org.bytedeco.pytorch.Storage st = n.storage();
        long nbytes = st.nbytes();
        long address = st.data() == null ? 0 : st.data().address();
        if (address != 0 && nbytes > 0) {
            StorageOut seen = byAddress.get(address);
            if (seen != null && seen.nbytes() == nbytes) {
                if (seen.dtype() != dtype) {
                    throw new IllegalArgumentException("save: cannot save tensors that view the same data as different dtypes ("
                            + seen.dtype() + " and " + dtype + "), as PyTorch cannot");
                }
                return seen;
            }
        }
        StorageOut s = new StorageOut(Integer.toString(storages.size()), dtype, st, nbytes, n);
        storages.add(s);
        if (address != 0 && nbytes > 0) {
            byAddress.put(address, s);
        }
        return s;
    }

    private static Tuple longTuple(long[] a) {
        Object[] o = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return Tuple.of(o);
    }

    private static void global(OutputStream out, String module, String name) throws IOException {
        out.write('c');
        out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
