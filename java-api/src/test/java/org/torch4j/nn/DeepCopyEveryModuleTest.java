package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * {@code copy.deepcopy(module)} for every built-in module: each public concrete {@link Module}
 * class of {@code org.torch4j.nn} (found in the compiled classes, so a new module without a case
 * in {@link DeepCopyCases} fails here) is built with non-default arguments and random state, and
 * its deep copy must be the same class with the same repr, state dict, {@code requires_grad}
 * flags, gradients and training flags, give the same forward output, share no storage with the
 * original, and leave no tensor alive once both are closed.
 */
class DeepCopyEveryModuleTest {

    @Test
    void theCasesCoverEveryPublicConcreteModuleClass() throws IOException, URISyntaxException {
        Set<String> found = names(publicConcreteModules());
        assertTrue(found.size() > 60, "module classes not found next to " + Module.class + ": " + found);
        Set<String> listed = names(DeepCopyCases.CASES.keySet());
        listed.addAll(names(DeepCopyCases.NOT_COPYABLE.keySet()));
        Set<String> missing = new TreeSet<>(found);
        missing.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(found);
        assertTrue(missing.isEmpty(), "public modules without a case in DeepCopyCases: " + missing);
        assertTrue(stale.isEmpty(), "DeepCopyCases lists classes that are not public concrete modules: " + stale);
    }

    @TestFactory
    Stream<DynamicTest> everyModuleCopiesItsConfigurationAndStateAndSharesNothing() {
        return DeepCopyCases.CASES.entrySet().stream()
                .map(e -> dynamicTest(e.getKey().getSimpleName(), () -> check(e.getKey(), e.getValue())));
    }

    private static void check(Class<? extends Module> type, DeepCopyCases.Case c) {
        long baseline = Torch.liveTensorCount();
        try (Scope s = Scope.open()) {
            Torch.manualSeed(3);
            try (Module original = c.make().get()) {
                assertSame(type, original.getClass());
                randomizeState(original);
                original.eval();
                try (Module copy = original.deepCopy()) {
                    assertSame(type, copy.getClass());
                    assertNotSame(original, copy);
                    assertEquals(original.toString(), copy.toString(), "repr");
                    assertSameTrainingFlags(original, copy);
                    assertSameState(original, copy);
                    if (c.inputs() != null) {
                        Tensor[] x = c.inputs().get();
                        assertEqual("forward output", original.forward(x), copy.forward(x));
                    }
                    Map<String, Tensor> before = snapshot(original);
                    addOneToEverything(copy);
                    assertEquals(before.keySet(), snapshot(original).keySet());
                    snapshot(original).forEach((k, v) -> assertEqual(k + " of the original after an in-place change of the copy's",
                            before.get(k), v));
                }
                // mixed modes: the root in training mode, its first child (if any) in eval mode
                original.train();
                original.children().stream().findFirst().ifPresent(Module::eval);
                try (Module copy = original.deepCopy()) {
                    assertSameTrainingFlags(original, copy);
                }
            }
        }
        assertEquals(baseline, Torch.liveTensorCount(), "the module, its copies and the check's tensors are all freed");
    }

    /** Random parameters and gradients, the first parameter frozen, buffers in [0.5, 1.5) (ints 7). */
    private static void randomizeState(Module m) {
        try (Scope s = Scope.open(); Grad.Guard g = Grad.noGrad()) {
            boolean first = true;
            for (Tensor p : m.parameters()) {
                p.copy_(Torch.randn(p.shape()));
                p.setGrad(Torch.randn(p.shape()));
                if (first) {
                    p.requiresGrad(false);
                    first = false;
                }
            }
            for (Tensor b : m.buffers()) {
                if (b.dtype().isFloatingPoint()) {
                    b.copy_(Torch.rand(b.shape()).add(0.5));
                } else {
                    b.fill_(7L);
                }
            }
        }
    }

    private static void assertSameTrainingFlags(Module a, Module b) {
        Map<String, Module> mb = b.namedModules();
        a.namedModules().forEach((name, m) -> assertEquals(m.isTraining(), mb.get(name).isTraining(), "training flag of '" + name + "'"));
    }

    private static void assertSameState(Module a, Module b) {
        Map<String, Tensor> sa = a.stateDict();
        Map<String, Tensor> sb = b.stateDict();
        assertEquals(List.copyOf(sa.keySet()), List.copyOf(sb.keySet()), "state dict keys");
        sa.forEach((k, v) -> assertEqual("state_dict['" + k + "']", v, sb.get(k)));
        Map<String, Tensor> pb = b.namedParameters();
        a.namedParameters().forEach((k, p) -> {
            Tensor q = pb.get(k);
            assertNotSame(p, q, k);
            assertEquals(p.requiresGrad(), q.requiresGrad(), k + ".requires_grad");
            assertEqual(k + ".grad", p.grad(), q.grad());
        });
    }

    /** Clones of every parameter, gradient and buffer (non-persistent ones too), by name. */
    private static Map<String, Tensor> snapshot(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> {
            out.put(k, p.detach().clone());
            Tensor g = p.grad();
            if (g != null) {
                out.put(k + ".grad", g.clone());
            }
        });
        m.namedBuffers().forEach((k, b) -> out.put(k, b.clone()));
        return out;
    }

    private static void addOneToEverything(Module m) {
        try (Scope s = Scope.open(); Grad.Guard g = Grad.noGrad()) {
            for (Tensor p : m.parameters()) {
                p.add_(1.0);
                Tensor grad = p.grad();
                if (grad != null) {
                    grad.add_(1.0);
                }
            }
            for (Tensor b : m.buffers()) {
                if (b.dtype().isFloatingPoint()) {
                    b.add_(1.0);
                } else {
                    b.add_(1L);
                }
            }
        }
    }

    private static void assertEqual(String what, Tensor expected, Tensor actual) {
        if (expected == null || actual == null) {
            assertSame(expected, actual, what);
            return;
        }
        assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertTrue(expected.equal(actual), what + ": values differ");
    }

    // ---------------------------------------------------------------- the package's module classes

    /** Every public, concrete, named Module subclass compiled into org.torch4j.nn and its subpackages. */
    static List<Class<?>> publicConcreteModules() throws IOException, URISyntaxException {
        Path root = Path.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root.resolve("org/torch4j/nn"))) {
                s.map(p -> root.relativize(p).toString().replace('\\', '/')).forEach(files::add);
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().map(JarEntry::getName).filter(n -> n.startsWith("org/torch4j/nn/")).forEach(files::add);
            }
        }
        List<Class<?>> out = new ArrayList<>();
        for (String f : files) {
            if (!f.endsWith(".class")) {
                continue;
            }
            Class<?> c;
            try {
                c = Class.forName(f.substring(0, f.length() - ".class".length()).replace('/', '.'), false,
                        Module.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            int mods = c.getModifiers();
            if (Module.class.isAssignableFrom(c) && Modifier.isPublic(mods) && !Modifier.isAbstract(mods) && !c.isAnonymousClass()
                    && !c.isLocalClass()) {
                out.add(c);
            }
        }
        return out;
    }

    private static Set<String> names(java.util.Collection<? extends Class<?>> classes) {
        Set<String> out = new TreeSet<>();
        classes.forEach(c -> out.add(c.getName()));
        return out;
    }
}
