package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload and static-import readings a PyTorch user relies on: {@code randint(10, 3)} is
 * {@code torch.randint(high, size)}, and a file that imports both {@code Torch.*} and
 * {@code nn.Functional.*} statically compiles calls such as {@code relu(x)} (the functions the two
 * share are declared once, in {@link SharedFunctions}). The snippet also uses every op the
 * issue's MLP classifier and tiny CNN need (argmax, eq, cat, softmax/logSoftmax, crossEntropy,
 * randperm, indexSelect, boolean-mask indexing, randint, norm, conv2d, maxPool2d) with no
 * {@code org.bytedeco} import.
 */
class StaticImportsTest {
    /** Common model code written with both static imports, as a PyTorch user writes torch.* and F.*. */
    private static final String SNIPPET = """
            import org.torch4j.*;
            import static org.torch4j.Torch.*;
            import static org.torch4j.nn.Functional.*;

            class BothImports {
                static Tensor run() {
                    Tensor x = randn(4, 3);
                    Tensor h = relu(x);
                    h = dropout(h, 0.5, false);
                    h = sigmoid(tanh(h));
                    Tensor p = softmax(h, 1);
                    Tensor lp = logSoftmax(h, 1);
                    Tensor y = randint(3, 4);
                    Tensor loss = crossEntropy(h, y).add(nllLoss(lp, y));
                    Tensor pred = p.argmax(1).eq(y);
                    Tensor idx = randperm(4);
                    Tensor both = cat(x.indexSelect(0, idx), x);
                    Tensor pos = x.index(x.gt(0.0));                       // x[x > 0]
                    x.indexPut_(0.0, x.lt(-1.0));                           // x[x < -1] = 0
                    Tensor img = randn(2, 1, 8, 8);
                    Tensor feat = maxPool2d(relu(conv2d(img, randn(4, 1, 3, 3))), 2).flatten(1);
                    return loss.add(both.norm()).add(pred.sum()).add(celu(x).sum()).add(selu(x).sum())
                            .add(pos.sum()).add(feat.sum());
                }
            }
            """;

    @Test
    void torchAndFunctionalImportedTogetherCompile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("BothImports.java");
        Files.writeString(file, SNIPPET);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, log, log, "--release", "17", "-proc:none",
                "-Xlint:none", "-d", dir.resolve("classes").toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertEquals(0, rc, "a file importing Torch.* and Functional.* statically does not compile:\n"
                + log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void randintHighSizeReadsAsPyTorch() {
        try (Scope s = Scope.open()) {
            // torch.randint(10, (3,)): high 10, size [3]
            Tensor a = Torch.randint(10, 3);
            assertArrayEquals(new long[] {3}, a.shape());
            assertEquals(DType.INT64, a.dtype());
            for (long v : a.toLongArray()) {
                assertTrue(v >= 0 && v < 10, "randint(10, 3) gave " + v);
            }
            // torch.randint(5, (2, 3))
            assertArrayEquals(new long[] {2, 3}, Torch.randint(5, 2, 3).shape());
            // torch.randint(3, 7, (4,)): the low/high form takes the size as an array
            Tensor b = Torch.randint(3, 7, new long[] {4});
            assertArrayEquals(new long[] {4}, b.shape());
            for (long v : b.toLongArray()) {
                assertTrue(v >= 3 && v < 7, "randint(3, 7, {4}) gave " + v);
            }
        }
    }

    /**
     * Names whose Torch and Functional methods have the same Java parameter types but do different
     * things, so they cannot be one declaration; with both static imports a call must be qualified.
     */
    private static final java.util.Map<String, String> DIFFERENT = java.util.Map.of(
            "embedding", "F.embedding(input, weight) vs torch.embedding(weight, indices): the tensors swap places",
            "batchNorm", "F.batch_norm(input, running_mean, running_var, weight, bias, ...) vs torch.batch_norm(input, weight, bias, running_mean, running_var, ...)",
            "instanceNorm", "F.instance_norm(input, running_mean, running_var, weight, bias, ...) vs torch.instance_norm(input, weight, bias, running_mean, running_var, ...)",
            "adaptiveMaxPool1d", "F.adaptive_max_pool1d returns the output; torch.adaptive_max_pool1d returns (output, indices)");

    @Test
    void sameSignatureInBothIsOneDeclarationUnlessDocumented() {
        java.util.Set<String> clashes = new java.util.TreeSet<>();
        for (var f : org.torch4j.nn.Functional.class.getMethods()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                var t = Torch.class.getMethod(f.getName(), f.getParameterTypes());
                if (java.lang.reflect.Modifier.isStatic(t.getModifiers()) && t.getDeclaringClass() != f.getDeclaringClass()) {
                    clashes.add(f.getName() + java.util.Arrays.toString(
                            java.util.Arrays.stream(f.getParameterTypes()).map(Class::getSimpleName).toArray()));
                }
            } catch (NoSuchMethodException e) {
                // only in Functional: no clash
            }
        }
        java.util.Set<String> undocumented = new java.util.TreeSet<>();
        for (String c : clashes) {
            if (!DIFFERENT.containsKey(c.substring(0, c.indexOf('[')))) {
                undocumented.add(c);
            }
        }
        assertEquals(java.util.Set.of(), undocumented,
                "Torch and Functional declare these separately: ambiguous under both static imports");
    }

    @Test
    void sharedFunctionsAreOneDeclarationReachedFromBoth() throws Exception {
        for (String name : List.of("relu", "softmax", "dropout", "logSoftmax", "sigmoid", "tanh")) {
            boolean found = false;
            for (var m : SharedFunctions.class.getDeclaredMethods()) {
                found |= m.getName().equals(name);
            }
            assertTrue(found, name + " is not declared in SharedFunctions");
        }
        assertEquals(SharedFunctions.class,
                Torch.class.getMethod("relu", Tensor.class).getDeclaringClass());
        assertEquals(SharedFunctions.class,
                org.torch4j.nn.Functional.class.getMethod("relu", Tensor.class).getDeclaringClass());
    }
}
