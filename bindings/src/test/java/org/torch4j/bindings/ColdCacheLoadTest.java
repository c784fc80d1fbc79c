package org.torch4j.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With Debian's libtorch 1.13 in the system library path (python3-torch), a JVM whose JavaCPP
 * cache is empty crashed in System.load every time (presets-findings.md). This starts fresh JVMs
 * with an empty cache directory and proves LibTorch's first op succeeds through {@link LibTorch}.
 * ci/install-test-deps.sh installs python3-torch so the hazard is present wherever this runs.
 */
class ColdCacheLoadTest {
    private static final Path SYSTEM_LIBTORCH = Path.of("/usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13");

    private record Run(int exit, String output) {
    }

    private static Run firstOp(Path cacheDir, String mode) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + cacheDir,
                "-cp", System.getProperty("java.class.path"),
                FirstOpMain.class.getName(), mode));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(cacheDir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "first op hung");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void coldCacheFirstOpSucceedsDespiteSystemLibtorch() throws Exception {
        assertTrue(Files.exists(SYSTEM_LIBTORCH), "this test needs Debian's libtorch 1.13 installed ("
                + SYSTEM_LIBTORCH + "): run ci/install-test-deps.sh (apt-get install -y python3-torch)");
        for (int i = 0; i < 2; i++) {
            Path cache = Files.createTempDirectory("torch4j-cold-cache");
            try {
                Run r = firstOp(cache, "safe");
                assertEquals(0, r.exit(), "cold-cache JVM failed:\n" + tail(r.output()));
                assertTrue(r.output().contains("first-op sum=3.0"), r.output());
                assertTrue(r.output().contains("loaded-from=" + cache), "libraries must come from the fresh cache: " + r.output());
            } finally {
                delete(cache);
            }
        }
    }

    @Test
    void warmCacheStillWorks() throws Exception {
        Path cache = Files.createTempDirectory("torch4j-warm-cache");
        try {
            assertEquals(0, firstOp(cache, "safe").exit());
            Run warm = firstOp(cache, "safe");
            assertEquals(0, warm.exit(), tail(warm.output()));
            assertTrue(warm.output().contains("first-op sum=3.0"));
        } finally {
            delete(cache);
        }
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
