package org.torch4j.jit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.BoolType;
import org.bytedeco.pytorch.DictType;
import org.bytedeco.pytorch.FloatType;
import org.bytedeco.pytorch.GenericDict;
import org.bytedeco.pytorch.GenericDictEntryRef;
import org.bytedeco.pytorch.GenericDictIterator;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.IntType;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.ListType;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.StringType;
import org.bytedeco.pytorch.TensorType;
import org.bytedeco.pytorch.TupleElements;
import org.bytedeco.pytorch.Type;
import org.torch4j.Tensor;
import org.torch4j.internal.Native;

/**
 * Java values ↔ TorchScript's {@code IValue}, for {@link ScriptModule#run}. One conversion object
 * per call: it remembers the tensors it leased and the native temporaries it made, and
 * {@link #close()} releases and frees them after the native call returned.
 *
 * <p>Java → TorchScript: {@link Tensor}, {@link Long}/{@link Integer}/{@link Short}/{@link Byte}
 * (int), {@link Double}/{@link Float} (float), {@link Boolean}, {@link String}, null (None),
 * {@link org.torch4j.Tuple} or {@code Object[]} (a tuple), {@link List} (a list whose element type is that of its elements, as
 * Python's TorchScript infers it; an empty list is {@code List[Tensor]}), {@link Map} with String
 * keys (a {@code Dict[str, T]}, T from its values). TorchScript → Java: the same types back
 * (int → Long, float → Double, tuple → {@link org.torch4j.Tuple}, list → unmodifiable {@link List}, dict →
 * unmodifiable {@link LinkedHashMap}-ordered {@link Map}); every returned tensor is adopted (the
 * caller's {@link org.torch4j.Scope}, or unscoped with the safety net).
 */
final class IValues implements AutoCloseable {
    private final String op;
    private final List<Tensor> leased = new ArrayList<>();
    private final List<Pointer> temps = new ArrayList<>();

    IValues(String op) {
        this.op = op;
    }

    private <P extends Pointer> P tmp(P p) {
        temps.add(p);
        return p;
    }

    /** A vector of the converted {@code args} (owned by this object). */
    IValueVector vector(Object[] args) {
        IValueVector v = tmp(new IValueVector());
        for (Object a : args) {
            v.push_back(toIValue(a));
        }
        return v;
    }

    /** A vector of the leased {@code tensors}: the fast path of {@link ScriptModule#forward}. */
    IValueVector tensors(Tensor[] tensors) {
        IValueVector v = tmp(new IValueVector(tensors.length));
        for (int i = 0; i < tensors.length; i++) {
            v.put(i, tensor(tensors[i]));
        }
        return v;
    }

    private IValue tensor(Tensor t) {
        org.bytedeco.pytorch.Tensor n = Native.lease(t, op);
        leased.add(t);
        return tmp(new IValue(n));
    }

    IValue toIValue(Object o) {
        if (o == null) {
            return tmp(new IValue());
        }
        if (o instanceof Tensor t) {
            return tensor(t);
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return tmp(new IValue(((Number) o).longValue()));
        }
        if (o instanceof Double || o instanceof Float) {
            return tmp(new IValue(((Number) o).doubleValue()));
        }
        if (o instanceof Boolean b) {
            return tmp(new IValue(b.booleanValue()));
        }
        if (o instanceof String s) {
            return tmp(new IValue(s));
        }
        if (o instanceof org.torch4j.Tuple || o instanceof Object[]) {
            // a Tuple is a List: it must be matched before the list case
            Object[] tuple = o instanceof Object[] a ? a : ((org.torch4j.Tuple) o).toArray();
            IValueVector v = tmp(new IValueVector());
            for (Object e : tuple) {
                v.push_back(toIValue(e));
            }
            return tmp(new IValue(tmp(org.bytedeco.pytorch.Tuple.create(v))));
        }
        if (o instanceof List<?> list) {
            Type.TypePtr elem = list.isEmpty() ? tensorType() : typeOf(list.get(0));
            GenericList g = tmp(new GenericList(elem));
            for (Object e : list) {
                sameType(list.get(0), e, "list");
                g.push_back(toIValue(e));
            }
            return tmp(new IValue(g));
        }
        if (o instanceof Map<?, ?> map) {
            return dict(map);
        }
        throw new IllegalArgumentException(op + ": cannot pass a " + o.getClass().getName()
                + " to TorchScript (supported: Tensor, Long, Integer, Double, Float, Boolean, String, null, Tuple or Object[] as a tuple, List, Map<String, ?>)");
    }

    private void sameType(Object first, Object e, String what) {
        if (e == null || kind(e) != kind(first)) {
            throw new IllegalArgumentException(op + ": a TorchScript " + what + " holds one element type; got "
                    + name(first) + " and " + name(e));
        }
    }

    private static String name(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    /** Java classes that map to the same TorchScript type share a kind. */
    private static int kind(Object o) {
        if (o instanceof Tensor) {
            return 1;
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return 2;
        }
        if (o instanceof Double || o instanceof Float) {
            return 3;
        }
        if (o instanceof Boolean) {
            return 4;
        }
        if (o instanceof String) {
            return 5;
        }
        if (o instanceof List) {
            return 6;
        }
        if (o instanceof Map) {
            return 7;
        }
        return 0;
    }

    private Type.TypePtr tensorType() {
        return tmp(new Type.TypePtr(TensorType.get()));
    }

    /** The TorchScript type of a container element, as Python's TorchScript infers it from the value. */
    private Type.TypePtr typeOf(Object o) {
        switch (kind(o)) {
            case 1:
                return tensorType();
            case 2:
                return tmp(new Type.TypePtr(IntType.getIntTypePtr().get()));
            case 3:
                return tmp(new Type.TypePtr(FloatType.getFloatTypePtr().get()));
            case 4:
                return tmp(new Type.TypePtr(BoolType.get().get()));
            case 5:
                return tmp(new Type.TypePtr(StringType.get().get()));
            case 6: {
                List<?> l = (List<?>) o;
                return tmp(ListType.get("List", l.isEmpty() ? tensorType() : typeOf(l.get(0))));
            }
            case 7: {
                Map<?, ?> m = (Map<?, ?>) o;
                Type.TypePtr v = m.isEmpty() ? tensorType() : typeOf(m.values().iterator().next());
                return tmp(DictType.get("Dict", tmp(new Type.TypePtr(StringType.get().get())), v));
            }
            default:
                throw new IllegalArgumentException(op + ": a TorchScript list or dict cannot hold " + name(o)
                        + " (supported elements: Tensor, Long, Integer, Double, Float, Boolean, String, List, Map<String, ?>)");
        }
    }

    /**
     * A {@code Dict[str, T]}: the presets cannot construct or insert into a GenericDict, so a
     * small TorchScript function per value type builds it from a key list and a value list.
     */
    private IValue dict(Map<?, ?> map) {
        GenericList keys = tmp(new GenericList(tmp(new Type.TypePtr(StringType.get().get()))));
        Object first = map.isEmpty() ? null : map.values().iterator().next();
        Type.TypePtr vt = first == null ? tensorType() : typeOf(first);
        GenericList values = tmp(new GenericList(vt));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException(op + ": a dict passed to TorchScript needs String keys; got " + name(e.getKey()));
            }
            sameType(first, e.getValue(), "dict");
            keys.push_back(toIValue(k));
            values.push_back(toIValue(e.getValue()));
        }
        String t = vt.get().annotation_str().getString(StandardCharsets.UTF_8);
        IValueVector args = tmp(new IValueVector(tmp(new IValue(keys)), tmp(new IValue(values))));
        return tmp(DictMaker.of(t).get_method("make").apply(args));
    }

    /** One compiled {@code make(keys, values) -> Dict[str, T]} per value type T, made on first use. */
    private static final class DictMaker {
        private static final Map<String, JitModule> MAKERS = new ConcurrentHashMap<>();

        static JitModule of(String t) {
            return MAKERS.computeIfAbsent(t, DictMaker::compile);
        }

        private static JitModule compile(String t) {
            JitModule m = org.torch4j.bindings.Cached.make(() -> new JitModule(new QualifiedName("__torch4j__.DictOf")));
            m.define("def make(self, k: List[str], v: List[" + t + "]) -> Dict[str, " + t + "]:\n"
                    + "    d: Dict[str, " + t + "] = {}\n"
                    + "    for i in range(len(k)):\n"
                    + "        d[k[i]] = v[i]\n"
                    + "    return d\n");
            return m;
        }
    }

    /** The Java value of a TorchScript result (tensors adopted: the caller owns them). */
    Object toJava(IValue v) {
        if (v.isNone()) {
            return null;
        }
        if (v.isTensor()) {
            return Native.adopt(new org.bytedeco.pytorch.Tensor(v.toTensor()));
        }
        if (v.isInt()) {
            return v.toInt();
        }
        if (v.isDouble()) {
            return v.toDouble();
        }
        if (v.isBool()) {
            return v.toBool();
        }
        if (v.isString()) {
            return v.toStringRef().getString(StandardCharsets.UTF_8);
        }
        if (v.isTuple()) {
            TupleElements es = tmp(v.toTuple()).elements();
            long n = es.size();
            Object[] out = new Object[(int) n];
            for (int i = 0; i < n; i++) {
                out[i] = toJava(tmp(es.get(i)));
            }
            return org.torch4j.Tuple.of(out);
        }
        if (v.isList()) {
            GenericList l = tmp(v.toList());
            long n = l.size();
            List<Object> out = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                out.add(toJava(tmp(l.get(i))));
            }
            return Collections.unmodifiableList(out);
        }
        if (v.isGenericDict()) {
            GenericDict d = tmp(v.toGenericDict());
            Map<Object, Object> out = new LinkedHashMap<>();
            GenericDictIterator end = tmp(d.end());
            for (GenericDictIterator it = tmp(d.begin()); it.notEquals(end); it.increment()) {
                GenericDictEntryRef e = tmp(it.access());
                out.put(toJava(tmp(e.key())), toJava(tmp(e.value())));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new UnsupportedOperationException(op + ": TorchScript returned a " + v.tagKind().getString()
                + ", which torch4j does not convert (supported: Tensor, int, float, bool, str, None, tuple, list, dict)");
    }

    /** Releases the leased tensors and frees the native temporaries. */
    @Override
    public void close() {
        for (Tensor t : leased) {
            Native.release(t);
        }
        leased.clear();
        for (int i = temps.size() - 1; i >= 0; i--) {
            temps.get(i).close();
        }
        temps.clear();
    }
}
