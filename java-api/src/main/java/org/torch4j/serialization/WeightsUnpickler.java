package org.torch4j.serialization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.torch4j.TorchException;
import org.torch4j.Tuple;

/**
 * Reads a {@code data.pkl} as PyTorch's {@code weights_only} unpickler does: razorvine's
 * unpickler runs the plain opcodes (strings, numbers, lists, memo), and this class takes over
 * every opcode that could name or call code. A global outside {@link AllowedGlobals} is a
 * {@link TorchException} naming it; nothing is ever looked up by reflection. Python ints come back
 * as {@code Long}, tuples as {@link Tuple}, dicts (also {@code OrderedDict}) as
 * {@link LinkedHashMap}. Lengths are checked against the bytes left before anything is allocated.
 */
final class WeightsUnpickler extends Unpickler {
    private final Rebuilder rebuilder;
    private final String where;

    WeightsUnpickler(Rebuilder rebuilder, String where) {
        this.rebuilder = rebuilder;
        this.where = where;
    }

    /** The object pickled in {@code pkl}. */
    Object read(byte[] pkl) throws IOException {
        return load(new ByteArrayInputStream(pkl));
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case 'c' -> { // GLOBAL module\nname\n
                String module = line();
                String name = line();
                stack.add(value(AllowedGlobals.resolve(module, name, where)));
                return NO_RETURN_VALUE;
            }
            case 0x93 -> { // STACK_GLOBAL
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw corrupt("STACK_GLOBAL needs two strings");
                }
                stack.add(value(AllowedGlobals.resolve(m, n, where)));
                return NO_RETURN_VALUE;
            }
            case 'R' -> { // REDUCE: callable(*args)
                Object args = stack.pop();
                Object callable = stack.pop();
                if (!(callable instanceof AllowedGlobals.Global g)) {
                    throw corrupt("REDUCE of a non-callable " + typeName(callable));
                }
                if (!(args instanceof Tuple t)) {
                    throw corrupt("REDUCE arguments are " + typeName(args) + ", not a tuple");
                }
                stack.add(g.call(t, rebuilder, where));
                return NO_RETURN_VALUE;
            }
            case 'b' -> { // BUILD: only an OrderedDict's attributes (state_dict()._metadata), dropped
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof Map) || !(state instanceof Map)) {
                    throw new TorchException(where + ": BUILD of " + typeName(target)
                            + " is not supported (PyTorch's weights_only loader builds only dicts, tensors and parameters)");
                }
                return NO_RETURN_VALUE;
            }
            case 'i', 'o', 0x81, 0x92, 0x82, 0x83, 0x84, 'P', 0x97, 0x98 -> // INST, OBJ, NEWOBJ(_EX), EXT1-4, PERSID, buffers
                throw new TorchException(where + ": pickle opcode 0x" + Integer.toHexString(key)
                        + " is not allowed (it creates objects of arbitrary classes)");
            case '}' -> {
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            }
            case 'd' -> { // DICT from the items since MARK
                List<Object> items = stack.pop_all_since_marker();
                if (items.size() % 2 != 0) {
                    throw corrupt("DICT with an odd number of items");
                }
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i += 2) {
                    m.put(items.get(i), items.get(i + 1));
                }
                stack.add(m);
                return NO_RETURN_VALUE;
            }
            case ')' -> {
                stack.add(Tuple.of());
                return NO_RETURN_VALUE;
            }
            case 't' -> {
                stack.add(Tuple.of(stack.pop_all_since_marker().toArray()));
                return NO_RETURN_VALUE;
            }
            case 0x85, 0x86, 0x87 -> { // TUPLE1..3
                int n = key - 0x84;
                Object[] items = new Object[n];
                for (int i = n - 1; i >= 0; i--) {
                    items[i] = stack.pop();
                }
                stack.add(Tuple.of(items));
                return NO_RETURN_VALUE;
            }
            case 'T', 'X', 'B', 0x8b -> checkLength(4); // BINSTRING, BINUNICODE, BINBYTES, LONG4
            case 0x8d, 0x8e, 0x96 -> checkLength(8); // BINUNICODE8, BINBYTES8, BYTEARRAY8
            case 's' -> checkDictTarget(2); // SETITEM: only into dicts
            case 'u' -> { // SETITEMS in file order (razorvine's goes through a HashMap)
                List<Object> items = stack.pop_all_since_marker();
                Object target = stack.size() > 0 ? stack.peek() : null;
                if (!(target instanceof Map) || items.size() % 2 != 0) {
                    throw corrupt("SETITEMS of " + items.size() + " items into " + typeName(target));
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> m = (Map<Object, Object>) target;
                for (int i = 0; i < items.size(); i += 2) {
                    m.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case 'a', 'e' -> checkListTarget(key == 'a');
            default -> {
            }
        }
        Object r = super.dispatch(key);
        if (stack.size() > 0 && stack.peek() instanceof Integer i) { // BININT*, INT: every Python int is a Long
            stack.pop();
            stack.add(i.longValue());
        }
        return r;
    }

    /** A dtype global ({@code torch.float32}) is a value: its DType; every other global stays callable. */
    private static Object value(AllowedGlobals.Global g) {
        return g.kind() == AllowedGlobals.Kind.DTYPE ? g.dtype() : g;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        return rebuilder.storage(pid);
    }

    /** The stack item below the pushed items must be a dict: razorvine would cast (ClassCastException). */
    private void checkDictTarget(int depth) {
        Object target = targetBelow(depth);
        if (!(target instanceof Map)) {
            throw corrupt("SETITEM(S) into " + typeName(target));
        }
    }

    private void checkListTarget(boolean single) {
        Object target = targetBelow(single ? 1 : -1);
        if (!(target instanceof List) || target instanceof Tuple) {
            throw corrupt("APPEND(S) to " + typeName(target));
        }
    }

    /** The item {@code depth} below the top, or (depth -1) the one below the topmost MARK; null when there is none. */
    private Object targetBelow(int depth) {
        List<Object> copy = new ArrayList<>();
        int size = stack.size();
        if (depth >= 0) {
            if (size <= depth) {
                throw corrupt("stack underflow");
            }
            for (int i = 0; i < depth; i++) {
                copy.add(stack.pop());
            }
            Object target = stack.peek();
            for (int i = copy.size() - 1; i >= 0; i--) {
                stack.add(copy.get(i));
            }
            return target;
        }
        List<Object> items = stack.pop_all_since_marker();
        Object target = stack.size() > 0 ? stack.peek() : null;
        stack.add_mark();
        for (Object o : items) {
            stack.add(o);
        }
        return target;
    }

    /** A length prefix of {@code width} bytes must not exceed what is left (razorvine allocates it first). */
    private void checkLength(int width) {
        ByteArrayInputStream in = (ByteArrayInputStream) input;
        in.mark(0);
        long len = 0;
        for (int i = 0; i < width; i++) {
            int b = in.read();
            if (b < 0) {
                in.reset();
                throw corrupt("truncated length");
            }
            len |= (long) b << (8 * i);
        }
        int left = in.available();
        in.reset();
        if (len < 0 || len > left) {
            throw corrupt("a length of " + len + " bytes with " + left + " left");
        }
    }

    /** A text line without its newline; the file must hold one. */
    private String line() {
        ByteArrayInputStream in = (ByteArrayInputStream) input;
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw corrupt("truncated GLOBAL");
            }
            if (sb.length() > 1000) {
                throw corrupt("GLOBAL name too long");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private TorchException corrupt(String what) {
        return new TorchException(where + ": corrupt pickle (" + what + ")");
    }

    static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
