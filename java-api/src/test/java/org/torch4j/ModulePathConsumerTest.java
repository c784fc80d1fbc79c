package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPMS boundary as an application on the module path meets it: a consumer module that
 * {@code requires org.torch4j} compiles against the exported packages and the presets (required
 * transitively, for {@code Tensor.wrap/unwrap}), cannot compile against {@code org.torch4j.internal}
 * or {@code org.torch4j.bindings}, and runs on the module path (LibTorch loads, reflection into the
 * hidden package is refused). The tests themselves run on the class path (see the parent pom).
 */
class ModulePathConsumerTest {
    private static final String MODULE_INFO = "module consumer { requires org.torch4j; }";

    private static final String GOOD_MAIN = """
            package consumer;

            import org.torch4j.Tensor;
            import org.torch4j.Torch;
            import org.torch4j.nn.Linear;

            public class Main {
                public static void main(String[] args) throws Exception {
                    Tensor x = Torch.tensor(new float[] {1, 2, 3}, 3);
                    org.bytedeco.pytorch.Tensor raw = x.unwrap();       // the presets, via requires transitive
                    System.out.println("module=" + Tensor.class.getModule().getName());
                    System.out.println("sum=" + x.mul(2).sum().item() + " rawNumel=" + raw.numel());
                    try (Linear lin = new Linear(3, 2)) {
                        System.out.println("linear=" + java.util.Arrays.toString(lin.forward(x).shape()));
                        java.nio.file.Path f = java.nio.file.Files.createTempFile("consumer", ".pt");
                        Torch.save(lin.stateDict(), f);                      // net.razorvine's pickle on the module path
                        Object back = Torch.load(f);
                        java.nio.file.Files.delete(f);
                        System.out.println("saved=" + ((java.util.Map<?, ?>) back).keySet());
                    }
                    try {
                        Class.forName("org.torch4j.internal.Native").getMethod("describe", Tensor.class).invoke(null, x);
                        System.out.println("internal=accessible");
                    } catch (IllegalAccessException e) {
                        System.out.println("internal=refused");
                    }
                }
            }
            """;

    @Test
    void internalPackagesAreNotVisibleToAModuleThatRequiresTorch4j(@TempDir Path dir) throws IOException {
        for (String hidden : List.of("org.torch4j.internal.Native", "org.torch4j.bindings.LibTorch")) {
            String pkg = hidden.substring(0, hidden.lastIndexOf('.'));
            String src = "package consumer;\nimport " + hidden + ";\npublic class Bad { Class<?> c = "
                    + hidden.substring(pkg.length() + 1) + ".class; }\n";
            Path root = dir.resolve(pkg);
            Compilation c = compile(root, Map.of("consumer/Bad.java", src));
            assertFalse(c.ok(), "a consumer module must not compile against " + pkg + ":\n" + c.log());
            assertTrue(c.log().contains("package " + pkg + " is not visible"), c.log());
        }
    }

    @Test
    void aConsumerModuleCompilesAndRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        Compilation c = compile(dir, Map.of("consumer/Main.java", GOOD_MAIN));
        assertTrue(c.ok(), c.log());

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath() + File.pathSeparator + c.classes(),
                // LibTorch's native jars are modules that nothing requires: a launcher adds them
                "--add-modules", "ALL-MODULE-PATH",
                "-m", "consumer/consumer.Main"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("module=org.torch4j"), out);
        assertTrue(out.contains("sum=12.0 rawNumel=3"), out);
        assertTrue(out.contains("linear=[2]"), out);
        assertTrue(out.contains("saved=[weight, bias]"), out);
        assertTrue(out.contains("internal=refused"), out);
    }

    private record Compilation(boolean ok, String log, Path classes) {
    }

    /** Compiles module {@code consumer} (its module-info plus {@code sources}) against torch4j's module path. */
    private static Compilation compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "--module-path", modulePath()));
        Files.createDirectories(src);
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        args.add(src.resolve("module-info.java").toString());
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = javac.run(null, log, log, args.toArray(new String[0]));
        return new Compilation(rc == 0, log.toString(StandardCharsets.UTF_8), classes);
    }

    /**
     * torch4j's two modules (where this build put them: classes directories or jars) and the
     * presets' jars from the test class path (the API, JavaCPP, OpenBLAS and LibTorch's native jars).
     */
    static String modulePath() {
        List<String> mp = new ArrayList<>();
        mp.add(location(Tensor.class));
        mp.add(location(org.torch4j.bindings.LibTorch.class));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String u = e.replace(File.separatorChar, '/');
            if (u.contains("/org/bytedeco/") || u.contains("/net/razorvine/")) { // the presets; torch.save's pickle
                mp.add(e);
            }
        }
        return String.join(File.pathSeparator, mp);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
