package org.torch4j.serialization;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.Tuple;
import org.torch4j.internal.Native;

/**
 * PyTorch's {@code persistent_load} and {@code _rebuild_tensor_v2} for one load: each storage
 * record becomes one CPU tensor holding its bytes (read once, on first use), and each pickled
 * tensor a tensor that shares that storage with its offset, sizes and strides (via
 * {@code set_}, as PyTorch rebuilds them), so views saved together stay views of each other.
 *
 * <p>Ownership: the storages' holder tensors are closed by {@link #closeStorages()} (the rebuilt
 * tensors keep the storage alive); the rebuilt tensors are the caller's, or closed by
 * {@link #closeAll()} when the load fails.
 */
final class Rebuilder {
    private static final int CHUNK = 1 << 20;

    private final ArchiveReader archive;
    private final String where;
    private final Map<String, Storage> storages = new HashMap<>();
    private final List<Tensor> created = new ArrayList<>();

    /** One storage record: its element type, element count and the tensor holding its bytes. */
    record Storage(String key, StorageType type, long numel, Tensor holder) {
    }

    Rebuilder(ArchiveReader archive) {
        this.archive = archive;
        this.where = archive.where;
    }

    /** {@code persistent_load(('storage', torch.FloatStorage, key, location, numel))}; every location loads to the CPU. */
    Storage storage(Object pid) {
        if (!(pid instanceof Tuple t) || t.size() != 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof AllowedGlobals.Global g) || g.kind() != AllowedGlobals.Kind.STORAGE_TYPE
                || !(t.get(2) instanceof String key) || !(t.get(3) instanceof String) || !(t.get(4) instanceof Long numel)) {
            throw new TorchException(where + ": unsupported persistent id " + describe(pid)
                    + " (expected ('storage', torch.<Type>Storage, key, location, numel))");
        }
        StorageType type = StorageType.byName(g.name());
        Storage s = storages.get(key);
        if (s != null) {
            if (s.type() != type || s.numel() != numel) {
                throw new TorchException(where + ": storage '" + key + "' is referenced as " + s.type().pyName + "[" + s.numel()
                        + "] and as " + type.pyName + "[" + numel + "]");
            }
            return s;
        }
        s = new Storage(key, type, numel, read(key, type, numel));
        storages.put(key, s);
        return s;
    }

    /** The bytes of {@code data/<key>} as a 1-D CPU tensor of {@code numel} elements. */
    private Tensor read(String key, StorageType type, long numel) {
        String rel = "data/" + key;
        long size = archive.size(rel);
        if (size < 0) {
            throw new TorchException(where + ": storage record '" + archive.prefix + "/" + rel + "' is missing");
        }
        long expected;
        try {
            expected = Math.multiplyExact(numel, type.dtype.itemSize());
        } catch (ArithmeticException e) {
            expected = -1;
        }
        if (size > archive.archiveBytes) { // stored records are never larger than the archive
            throw new TorchException(where + ": storage record '" + archive.prefix + "/" + rel + "' claims " + size
                    + " bytes in a " + archive.archiveBytes + "-byte archive");
        }
        if (numel < 0 || expected != size) {
            throw new TorchException(where + ": storage record '" + archive.prefix + "/" + rel + "' has " + size + " bytes; "
                    + type.pyName + " of " + numel + " elements needs " + (expected < 0 ? "an impossible size" : expected + " bytes"));
        }
        Tensor holder = Torch.empty(type.dtype, numel);
        created.add(holder);
        if (size == 0) {
            return holder;
        }
        org.bytedeco.pytorch.Tensor n = Native.lease(holder, "load");
        try (InputStream in = archive.open(rel); BytePointer p = new BytePointer(n.data_ptr())) {
            p.capacity(size);
            byte[] buf = new byte[(int) Math.min(CHUNK, size)];
            long pos = 0;
            while (pos < size) {
                int got = in.read(buf, 0, (int) Math.min(buf.length, size - pos));
                if (got < 0) {
                    throw new TorchException(where + ": storage record '" + archive.prefix + "/" + rel + "' is truncated at byte " + pos);
                }
                p.position(pos).put(buf, 0, got);
                pos += got;
            }
        } catch (IOException e) {
            throw new TorchException(where + ": cannot read storage record '" + archive.prefix + "/" + rel + "' (" + e.getMessage() + ")", e);
        } finally {
            Native.release(holder);
        }
        return holder;
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])} or {@code _rebuild_tensor(storage, offset, size, stride)}. */
    Tensor tensor(Tuple args, boolean v2) {
        int n = args.size();
        if (n < 4 || (!v2 && n != 4) || (v2 && (n < 6 || n > 7)) || !(args.get(0) instanceof Storage s)
                || !(args.get(1) instanceof Long offset) || !(args.get(2) instanceof Tuple size) || !(args.get(3) instanceof Tuple stride)
                || (v2 && !(args.get(4) instanceof Boolean))) {
            throw new TorchException(where + ": unsupported tensor arguments " + describe(args));
        }
        boolean requiresGrad = v2 && (Boolean) args.get(4);
        long[] sz = longs(size, "size");
        long[] st = longs(stride, "stride");
        checkBounds(s, offset, sz, st);
        Tensor t = Torch.empty(s.type().dtype, 0);
        created.add(t);
        org.bytedeco.pytorch.Tensor tn = Native.lease(t, "load");
        try {
            org.bytedeco.pytorch.Tensor hn = Native.lease(s.holder(), "load");
            try (org.bytedeco.pytorch.Storage storage = hn.storage()) {
                tn.set_(storage, offset, sz, st); // returns tn itself
            } finally {
                Native.release(s.holder());
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, "load(" + where + ")", t);
        } finally {
            Native.release(t);
        }
        if (requiresGrad) {
            requireGrad(t);
        }
        return t;
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: the tensor, with requires_grad (torch4j has no Parameter type). */
    Tensor parameter(Tuple args) {
        if (args.size() != 3 || !(args.get(0) instanceof Tensor t) || !(args.get(1) instanceof Boolean rg)) {
            throw new TorchException(where + ": unsupported parameter arguments " + describe(args));
        }
        if (rg) {
            requireGrad(t);
        }
        return t;
    }

    private void requireGrad(Tensor t) {
        DType d = t.dtype();
        if (!d.isFloatingPoint() && !d.isComplex()) {
            throw new TorchException(where + ": a " + d + " tensor cannot require grad");
        }
        t.requiresGrad(true);
    }

    private long[] longs(Tuple t, String what) {
        if (t.size() > 64) {
            throw new TorchException(where + ": tensor " + what + " has " + t.size() + " dimensions");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v) || v < 0) {
                throw new TorchException(where + ": tensor " + what + " " + t + " is not a tuple of non-negative ints");
            }
            out[i] = v;
        }
        return out;
    }

    /** Every element the tensor can address must lie inside the storage (checked before LibTorch sees it). */
    private void checkBounds(Storage s, long offset, long[] size, long[] stride) {
        if (size.length != stride.length) {
            throw new TorchException(where + ": tensor size " + java.util.Arrays.toString(size) + " and stride "
                    + java.util.Arrays.toString(stride) + " differ in length");
        }
        try {
            long last = offset;
            boolean empty = false;
            for (int i = 0; i < size.length; i++) {
                if (size[i] == 0) {
                    empty = true;
                } else {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
            if (offset < 0 || (empty ? offset > s.numel() : last >= s.numel())) {
                throw new ArithmeticException();
            }
        } catch (ArithmeticException e) {
            throw new TorchException(where + ": tensor (offset " + offset + ", size " + java.util.Arrays.toString(size) + ", stride "
                    + java.util.Arrays.toString(stride) + ") reaches outside storage '" + s.key() + "' of " + s.numel() + " elements");
        }
    }

    /** Frees the storages' holder tensors (the rebuilt tensors keep what they use). */
    void closeStorages() {
        for (Storage s : storages.values()) {
            s.holder().close();
            created.removeIf(x -> x == s.holder());
        }
        storages.clear();
    }

    /** After a failed load: frees everything this load created. */
    void closeAll() {
        for (Tensor t : created) {
            t.close();
        }
        created.clear();
        storages.clear();
    }

    private static String describe(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
