package org.torch4j.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.parity.Json;

/**
 * The TorchScript models of the jit tests, made by real PyTorch 1.13 at test time:
 * {@code /usr/bin/python3 java-api/src/test/python/make_jit_models.py DIR} (about 3 s) writes
 * {@code gate.pt} (scripted), {@code cnn.pt} (traced) and {@code expected.json} (Python's inputs,
 * outputs and state) once per JVM into a temporary directory. CI installs python3-torch
 * ({@code ci/install-test-deps.sh}). {@code -Dtorch4j.jitModels=DIR} uses a directory made before.
 */
public final class JitModels {
    private static Path dir;
    private static Map<String, Object> expected;

    private JitModels() {
    }

    /** The directory holding gate.pt, cnn.pt and expected.json (made on first use). */
    public static synchronized Path dir() {
        if (failed != null) {
            throw failed; // once per JVM: a caller that catches it (the fuzz) must not rerun python every time
        }
        if (dir == null) {
            try {
                String given = System.getProperty("torch4j.jitModels");
                Path d = given != null ? Files.createDirectories(Path.of(given)) : Files.createTempDirectory("torch4j-jit");
                if (!Files.exists(d.resolve("expected.json"))) {
                    make(d);
                }
                dir = d;
            } catch (IOException e) {
                failed = new AssertionError(e);
                throw failed;
            } catch (AssertionError e) {
                failed = e;
                throw e;
            }
        }
        return dir;
    }

    private static AssertionError failed;

    /** Runs the recording script into {@code d}. */
    public static void make(Path d) throws IOException {
        Path script = script();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), d.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("make_jit_models.py failed (needs /usr/bin/python3 with torch: ci/install-test-deps.sh):\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path script() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            for (String rel : List.of("src/test/python/make_jit_models.py", "java-api/src/test/python/make_jit_models.py")) {
                Path p = base.resolve(rel);
                if (Files.exists(p)) {
                    return p;
                }
            }
        }
        try { // a forked child may run in a scratch directory: look beside the test classes (java-api/target/test-classes)
            Path classes = Path.of(JitModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = classes.getParent().getParent().resolve("src/test/python/make_jit_models.py");
            if (Files.exists(p)) {
                return p;
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through
        }
        throw new AssertionError("make_jit_models.py not found above " + Path.of("").toAbsolutePath());
    }

    public static Path gate() {
        return dir().resolve("gate.pt");
    }

    public static Path cnn() {
        return dir().resolve("cnn.pt");
    }

    /** expected.json: {model: {inputs, outputs, parameters, buffers, state_dict, ...}}. */
    @SuppressWarnings("unchecked")
    public static synchronized Map<String, Object> expected(String model) {
        if (expected == null) {
            try {
                expected = (Map<String, Object>) Json.parse(Files.readString(dir().resolve("expected.json")));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return (Map<String, Object>) expected.get(model);
    }

    /** {@code expected(model)[section][key]}: a recorded tensor {shape, data}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> rec(String model, String section, String key) {
        return (Map<String, Object>) ((Map<String, Object>) expected(model).get(section)).get(key);
    }

    /** A recorded tensor as a float32 torch4j tensor (the recorded values are float32 exactly). */
    @SuppressWarnings("unchecked")
    public static Tensor tensor(Map<String, Object> rec) {
        List<Object> data = (List<Object>) rec.get("data");
        float[] f = new float[data.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) data.get(i)).floatValue();
        }
        return Torch.tensor(f, shape(rec));
    }

    @SuppressWarnings("unchecked")
    static long[] shape(Map<String, Object> rec) {
        List<Object> s = (List<Object>) rec.get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) s.get(i)).longValue();
        }
        return out;
    }

    /**
     * Asserts that {@code t} has the recorded shape and that every value is within
     * {@code atol + rtol * |expected|} (torch.allclose's rule); returns the largest absolute difference.
     */
    @SuppressWarnings("unchecked")
    public static double assertClose(Map<String, Object> rec, Tensor t, double atol, double rtol, String what) {
        assertArrayEquals(shape(rec), t.shape(), what + ": shape");
        List<Object> data = (List<Object>) rec.get("data");
        double[] got = t.toDoubleArray();
        assertEquals(data.size(), got.length, what + ": numel");
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            double want = ((Number) data.get(i)).doubleValue();
            max = Math.max(max, Math.abs(want - got[i]));
            assertEquals(want, got[i], atol + rtol * Math.abs(want), what + "[" + i + "]");
        }
        return max;
    }

    /** {@link #assertClose(Map, Tensor, double, double, String)} with an absolute tolerance only. */
    public static double assertClose(Map<String, Object> rec, Tensor t, double atol, String what) {
        return assertClose(rec, t, atol, 0, what);
    }
}
