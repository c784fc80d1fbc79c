package org.torch4j.fuzz;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Functional;
import org.torch4j.nn.Module;
import org.torch4j.optim.Optimizer;

/**
 * The public API the fuzz calls, found by reflection so that it grows with the API: every public
 * method of {@link Tensor}, {@link Torch} and {@link Functional}; every public static method,
 * public constructor and public instance method of the public classes in {@code org.torch4j.nn}
 * and {@code org.torch4j.optim} (modules, losses, optimizers and their options). Members are
 * sorted by signature, so a seed picks the same calls in every JVM.
 */
final class Surface {
    /** What a member is called on. */
    enum Kind { TENSOR, STATIC, CONSTRUCTOR, MODULE, OPTIMIZER, OTHER }

    /** One callable member; {@code id} is its index in the sorted surface (stable across JVMs). */
    record Member(int id, Kind kind, Executable exec, String sig) {
    }

    final List<Member> all = new ArrayList<>();
    final Map<Kind, List<Member>> byKind = new TreeMap<>();
    /** Tensor instance methods with no parameters returning a Tensor: the autograd chains use them. */
    final List<Member> unaryTensorOps = new ArrayList<>();
    /** Member signature -> why it is not called (exclusions and unsynthesizable parameter types). */
    final Map<String, String> skipped = new TreeMap<>();
    final List<Class<?>> moduleClasses = new ArrayList<>();
    final List<Class<?>> optimizerClasses = new ArrayList<>();

    Surface() {
        TreeMap<String, Executable> found = new TreeMap<>();
        for (Class<?> c : List.of(Tensor.class, Torch.class, Functional.class)) {
            for (Method m : c.getMethods()) {
                found.put(sig(m), m);
            }
        }
        java.net.URL api = Module.class.getProtectionDomain().getCodeSource().getLocation();
        for (Class<?> c : scan("org.torch4j.nn", "org.torch4j.optim")) {
            // the library's classes only, not tests sharing the package
            if (!Modifier.isPublic(c.getModifiers()) || c.isInterface()
                    || !api.equals(c.getProtectionDomain().getCodeSource().getLocation())) {
                continue;
            }
            boolean concrete = !Modifier.isAbstract(c.getModifiers());
            if (concrete && Module.class.isAssignableFrom(c)) {
                moduleClasses.add(c);
            }
            if (concrete && Optimizer.class.isAssignableFrom(c)) {
                optimizerClasses.add(c);
            }
            for (Method m : c.getMethods()) {
                found.put(sig(m), m);
            }
            if (concrete && !c.isEnum() && !c.isRecord()) {
                for (Constructor<?> k : c.getConstructors()) {
                    found.put(sig(k), k);
                }
            }
        }
        for (Executable e : found.values()) {
            String why = Exclusions.reason(e);
            if (why == null) {
                why = Args.unsupported(e);
            }
            if (why != null) {
                skipped.put(sig(e), why);
                continue;
            }
            Kind k = kindOf(e);
            Member m = new Member(all.size(), k, e, sig(e));
            all.add(m);
            byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
            if (k == Kind.TENSOR && e.getParameterCount() == 0 && ((Method) e).getReturnType() == Tensor.class) {
                unaryTensorOps.add(m);
            }
        }
        moduleClasses.sort(Comparator.comparing(Class::getName));
        optimizerClasses.sort(Comparator.comparing(Class::getName));
    }

    List<Member> of(Kind k) {
        return byKind.getOrDefault(k, List.of());
    }

    private static Kind kindOf(Executable e) {
        if (e instanceof Constructor) {
            return Kind.CONSTRUCTOR;
        }
        if (Modifier.isStatic(e.getModifiers())) {
            return Kind.STATIC;
        }
        Class<?> d = e.getDeclaringClass();
        if (d == Tensor.class || d.getSimpleName().equals("TensorMethods")) {
            return Kind.TENSOR;
        }
        if (Module.class.isAssignableFrom(d)) {
            return Kind.MODULE;
        }
        if (Optimizer.class.isAssignableFrom(d)) {
            return Kind.OPTIMIZER;
        }
        return Kind.OTHER;
    }

    /** "Tensor.add(Tensor,double)"; instance methods of module classes keep their receiver class. */
    static String sig(Executable e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.getDeclaringClass().getSimpleName());
        if (!(e instanceof Constructor)) {
            sb.append('.').append(e.getName());
        }
        sb.append('(');
        Class<?>[] ps = e.getParameterTypes();
        for (int i = 0; i < ps.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ps[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /** The classes of the given packages on the class path (directories and jars). */
    static List<Class<?>> scan(String... packages) {
        TreeSet<String> names = new TreeSet<>();
        ClassLoader cl = Surface.class.getClassLoader();
        for (String pkg : packages) {
            String dir = pkg.replace('.', '/');
            try {
                Enumeration<URL> urls = cl.getResources(dir);
                while (urls.hasMoreElements()) {
                    URL u = urls.nextElement();
                    if (u.getProtocol().equals("file")) {
                        try (Stream<Path> s = Files.list(Path.of(u.toURI()))) {
                            s.map(p -> p.getFileName().toString())
                                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("module-info.class")
                                            && !n.equals("package-info.class"))
                                    .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - 6)));
                        }
                    } else if (u.getProtocol().equals("jar")) {
                        JarURLConnection c = (JarURLConnection) u.openConnection();
                        try (JarFile jar = c.getJarFile()) {
                            for (JarEntry en : java.util.Collections.list(jar.entries())) {
                                String n = en.getName();
                                if (n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0
                                        && !n.contains("$") && !n.endsWith("-info.class")) {
                                    names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                                }
                            }
                        }
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot list " + pkg, e);
            }
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Class.forName(n, true, cl));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + n, e);
            }
        }
        return out;
    }
}
