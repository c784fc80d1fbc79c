package org.torch4j.codegen;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.nn.Reduction;

/**
 * Calls every public method of the generated classes once with small arguments that mostly do not
 * fit the op (2x3 float32 tensors, 1, 0.5, false, {1}, "none", …): each call must return or throw
 * {@link TorchException} (or IllegalArgumentException); anything else is printed as {@code JAVA}.
 * Runs in a forked JVM ({@link GeneratedSweepTest}) so that a native crash fails the test instead
 * of the build. Prints each call before making it, so a crash names the op.
 */
public final class GeneratedSweepMain {
    private GeneratedSweepMain() {
    }

    public static void main(String[] args) throws Exception {
        long called = 0, ok = 0, torch = 0, other = 0;
        for (String cls : List.of("org.torch4j.TensorMethods", "org.torch4j.TorchFunctions", "org.torch4j.nn.FunctionalOps",
                "org.torch4j.SharedFunctions")) {
            Method[] ms = Class.forName(cls).getDeclaredMethods();
            Arrays.sort(ms, Comparator.comparing(Method::toString));
            for (Method m : ms) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                System.out.println("CALL " + m);
                System.out.flush();
                called++;
                try (Scope s = Scope.open()) {
                    Object target = Modifier.isStatic(m.getModifiers()) ? null : Torch.rand(2, 3);
                    Class<?>[] types = m.getParameterTypes();
                    Object[] values = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        values[i] = arg(types[i]);
                    }
                    m.setAccessible(true); // the declaring classes are package-private
                    m.invoke(target, values);
                    ok++;
                } catch (InvocationTargetException e) {
                    Throwable t = e.getCause();
                    if (t instanceof TorchException || t instanceof IllegalArgumentException) {
                        torch++;
                    } else {
                        other++;
                        System.out.println("JAVA " + m + " -> " + t);
                    }
                }
            }
        }
        System.out.println("DONE called=" + called + " ok=" + ok + " refused=" + torch + " other=" + other);
    }

    private static Object arg(Class<?> t) {
        if (t == Tensor.class) {
            return Torch.rand(2, 3);
        }
        if (t == long.class || t == Long.class) {
            return 1L;
        }
        if (t == double.class || t == Double.class) {
            return 0.5;
        }
        if (t == boolean.class || t == Boolean.class) {
            return false;
        }
        if (t == long[].class) {
            return new long[] {1};
        }
        if (t == DType.class) {
            return DType.FLOAT32;
        }
        if (t == Device.class) {
            return Device.CPU;
        }
        if (t == String.class) {
            return "none";
        }
        if (t == List.class) {
            return List.of(Torch.rand(2, 3), Torch.rand(2, 3));
        }
        if (t == Tensor[].class) {
            return new Tensor[] {Torch.rand(2, 3), Torch.rand(2, 3)};
        }
        if (t == Reduction.class) {
            return Reduction.MEAN;
        }
        if (t.isRecord() && t.getSimpleName().endsWith("Options")) {
            try {
                return t.getField("DEFAULTS").get(null); // the generated options records: PyTorch's defaults
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no sample argument for " + t);
    }
}
