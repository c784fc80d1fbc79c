package org.torch4j.parity;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * Finds the Java method of a spec entry (namespace class, Java name, full-positional parameter
 * types as the spec spells them) and converts recorded arguments to its parameter types.
 */
final class JavaCall {
    private JavaCall() {}

    static Class<?> namespace(String ns) {
        String[] candidates = switch (ns) {
            case "Tensor" -> new String[] {"org.torch4j.Tensor"};
            case "Torch" -> new String[] {"org.torch4j.Torch"};
            case "Functional" -> new String[] {"org.torch4j.nn.Functional", "org.torch4j.Functional"};
            default -> new String[] {ns};
        };
        for (String c : candidates) {
            try {
                return Class.forName(c);
            } catch (ClassNotFoundException e) {
                // next
            }
        }
        return null;
    }

    /** A type name without packages or outer classes: {@code java.util.List<org.torch4j.Tensor>} is {@code List<Tensor>}. */
    static String simple(String typeName) {
        String t = typeName.replace(" ", "").replace("...", "[]");
        return t.replaceAll("([A-Za-z_][A-Za-z0-9_]*[.$])+", "");
    }

    /** The public method of {@code cls} named {@code name} whose parameter types read as {@code types}; null if none. */
    static Method find(Class<?> cls, String name, List<String> types, boolean instance) {
        for (Method m : cls.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != types.size()
                    || Modifier.isStatic(m.getModifiers()) == instance) {
                continue;
            }
            Type[] ps = m.getGenericParameterTypes();
            boolean ok = true;
            for (int k = 0; k < ps.length && ok; k++) {
                ok = simple(ps[k].getTypeName()).equals(simple(types.get(k)));
            }
            if (ok) {
                // Generated methods are declared in package-private superclasses (TensorMethods, ...).
                m.setAccessible(true);
                return m;
            }
        }
        return null;
    }

    /** A recorded argument as a value of {@code type}; tensors come from {@code tensors} (already built). */
    @SuppressWarnings("unchecked")
    static Object convert(Object v, Class<?> type, Type generic, TensorSource tensors, String name) {
        if (v instanceof Map<?, ?> m && m.containsKey("T")) {
            return tensors.get(name);
        }
        if (v instanceof Map<?, ?> m && m.containsKey("TL")) {
            int n = ((List<Object>) m.get("TL")).size();
            List<Tensor> l = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                l.add(tensors.get(name + "." + k));
            }
            if (type.isArray()) {
                return l.toArray(new Tensor[0]);
            }
            return l;
        }
        if (v instanceof Map<?, ?> m && m.containsKey("dtype")) {
            DType d = Recorded.dtype((String) m.get("dtype"));
            return type == Optional.class ? Optional.of(d) : d;
        }
        if (v == null) {
            if (type.isPrimitive()) {
                throw new UnsupportedOperationException("null for primitive parameter " + name);
            }
            if (type == Optional.class) {
                return Optional.empty();
            }
            if (type == OptionalLong.class) {
                return OptionalLong.empty();
            }
            if (type == OptionalDouble.class) {
                return OptionalDouble.empty();
            }
            return null;
        }
        if (type == long.class || type == Long.class) {
            return exactLong(v, name);
        }
        if (type == int.class || type == Integer.class) {
            return Math.toIntExact(exactLong(v, name));
        }
        if (type == double.class || type == Double.class) {
            return number(v);
        }
        if (type == float.class || type == Float.class) {
            return (float) number(v);
        }
        if (type == boolean.class || type == Boolean.class) {
            return (Boolean) v;
        }
        if (type == OptionalLong.class) {
            return OptionalLong.of(exactLong(v, name));
        }
        if (type == OptionalDouble.class) {
            return OptionalDouble.of(number(v));
        }
        if (type == String.class) {
            return (String) v;
        }
        if (type.isArray()) {
            List<Object> l = v instanceof List<?> ll ? (List<Object>) ll : List.of(v);
            Class<?> c = type.getComponentType();
            Object arr = Array.newInstance(c, l.size());
            for (int k = 0; k < l.size(); k++) {
                Array.set(arr, k, convert(l.get(k), c, c, tensors, name));
            }
            return arr;
        }
        if (type.isEnum()) {
            Object[] cs = type.getEnumConstants();
            if (v instanceof String s) {
                for (Object c : cs) {
                    if (((Enum<?>) c).name().equalsIgnoreCase(s) || c.toString().equals(s)) {
                        return c;
                    }
                }
            } else if (v instanceof Long i && i >= 0 && i < cs.length) {
                return cs[i.intValue()];
            }
        }
        if (type == Number.class || type == Object.class) {
            return v instanceof Long ? v : (Object) number(v);
        }
        // A value class such as a Scalar: a public static factory of(long|double|boolean).
        for (Method f : type.getMethods()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().equals("of") && f.getParameterCount() == 1
                    && f.getReturnType() == type) {
                Class<?> p = f.getParameterTypes()[0];
                boolean fits = (p == long.class && v instanceof Long) || (p == double.class && !(v instanceof Boolean))
                        || (p == boolean.class && v instanceof Boolean);
                if (fits) {
                    try {
                        return f.invoke(null, convert(v, p, p, tensors, name));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        throw new UnsupportedOperationException("parity runner cannot pass " + v + " as " + generic.getTypeName()
                + " (argument " + name + ")");
    }

    static double number(Object v) {
        if (v instanceof String s) {
            return switch (s) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + s);
            };
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).doubleValue();
    }

    private static long exactLong(Object v, String name) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        double d = number(v);
        if (d != Math.rint(d)) {
            throw new UnsupportedOperationException("argument " + name + " = " + d + " is not an integer");
        }
        return (long) d;
    }

    /** The built tensors of one case, by argument name ({@code name.k} for list elements). */
    interface TensorSource {
        Tensor get(String name);
    }
}
