package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code x.index(...)} and {@code x.indexPut_(...)} against Python's {@code x[...]} and
 * {@code x[...] = v} in real PyTorch 1.13: result dtype, shape and every value, or the same
 * failure (IndexError becomes IndexOutOfBoundsException with Python's message, other errors
 * TorchException). Cases from {@code samples/parity/index_cases.py}.
 */
class IndexParityTest {
    /**
     * Index tensors of dtype int32: PyTorch 1.13 raises IndexError ("tensors used as indices must
     * be long, byte or bool tensors"), LibTorch 2.10 accepts them; checked against the same
     * index as int64 instead.
     */
    private static final Set<String> INT32_INDICES_ACCEPTED_SINCE_2_0 = Set.of("tensor_int32");

    record Case(String name, DType dtype, long[] shape, String[] idx, String[] op, String[] result, String values,
            String error) {
    }

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = IndexParityTest.class.getResourceAsStream("/parity/index_cases.txt")) {
            assertNotNull(in, "index_cases.txt is on the test classpath (java-api/pom.xml copies it from samples/parity/recordings)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String name = field(line, "case");
                String[] base = field(r.readLine(), "base").split(" ");
                DType dtype = ReprParityTest.dtype(base[0]);
                long[] shape = Arrays.stream(base).skip(1).mapToLong(Long::parseLong).toArray();
                String idxText = field(r.readLine(), "idx");
                String[] idx = idxText.isEmpty() ? new String[0] : idxText.split(" ");
                String[] op = field(r.readLine(), "op").split(" ");
                String next = r.readLine();
                String[] result = null;
                String values = null;
                String error = null;
                if (next.startsWith("error ")) {
                    error = field(next, "error");
                } else {
                    result = field(next, "result").split(" ");
                    values = field(r.readLine(), "values");
                }
                assertEquals("end", r.readLine(), name);
                cases.add(new Case(name, dtype, shape, idx, op, result, values, error));
            }
        }
        return cases;
    }

    private static String field(String line, String key) {
        assertNotNull(line, "truncated recording, expected " + key);
        assertTrue(line.equals(key) || line.startsWith(key + " "), "expected '" + key + "', got: " + line);
        return line.length() == key.length() ? "" : line.substring(key.length() + 1);
    }

    /** {@code (arange(n) - n // 2)}, times 0.5 for floating dtypes, in {@code dtype} and {@code shape}. */
    static Tensor base(DType dtype, long[] shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - Math.floorDiv(n, 2)) * (dtype.isFloatingPoint() ? 0.5 : 1.0);
        }
        return Torch.tensor(v, dtype).reshape(shape);
    }

    private static long[] longs(String csv) {
        return csv.isEmpty() ? new long[0] : Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** The Java index item for a recorded token. */
    static Object item(String tok) {
        switch (tok) {
            case "E":
                return Tensor.ELLIPSIS;
            case "N":
                return Tensor.NONE;
            default:
                break;
        }
        if (tok.startsWith("i")) {
            return Long.parseLong(tok.substring(1));
        }
        String kind = tok.substring(0, 1);
        String rest = tok.substring(2);
        switch (kind) {
            case "s": {
                String[] p = rest.split(":", -1);
                long start = p[0].isEmpty() ? 0 : Long.parseLong(p[0]);
                long stop = p[1].isEmpty() ? Long.MAX_VALUE : Long.parseLong(p[1]);
                long step = p.length < 3 || p[2].isEmpty() ? 1 : Long.parseLong(p[2]);
                return Slice.of(start, stop, step);
            }
            case "T": {
                String[] p = rest.split(":", -1);
                long[] shape = longs(p[1]);
                return Torch.tensor(longs(p[2]), ReprParityTest.dtype(p[0])).reshape(shape);
            }
            case "L":
                return longs(rest);
            case "I":
                return Arrays.stream(longs(rest)).mapToInt(x -> (int) x).toArray();
            case "M": {
                long[] v = longs(rest);
                boolean[] b = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = v[i] != 0;
                }
                return b;
            }
            case "b":
                return Boolean.valueOf(rest.equals("1"));
            default:
                throw new IllegalArgumentException(tok);
        }
    }

    static Tensor run(Case c, Object[] idx) {
        Tensor x = base(c.dtype, c.shape);
        switch (c.op[0]) {
            case "get":
                return x.index(idx);
            case "put_scalar":
                return x.indexPut_(Double.parseDouble(c.op[1]), idx);
            case "put_tensor": {
                DType vdt = ReprParityTest.dtype(c.op[1]);
                double[] vals = Arrays.stream(c.op.length > 3 ? c.op[3].split(",") : new String[0])
                        .mapToDouble(Double::parseDouble).toArray();
                Tensor v = Torch.tensor(vals, vdt).reshape(longs(c.op[2]));
                return x.indexPut_(v, idx);
            }
            default:
                throw new IllegalArgumentException(c.op[0]);
        }
    }

    @TestFactory
    List<DynamicTest> indexingMatchesPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : load()) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                try (Scope s = Scope.open()) {
                    Object[] idx = Arrays.stream(c.idx).map(IndexParityTest::item).toArray();
                    if (INT32_INDICES_ACCEPTED_SINCE_2_0.contains(c.name)) {
                        Object[] asLong = Arrays.stream(idx)
                                .map(o -> o instanceof Tensor t && t.dtype() == DType.INT32 ? t.to(DType.INT64) : o).toArray();
                        assertTrue(run(c, idx).equal(run(c, asLong)), c.name);
                        return;
                    }
                    if (c.error != null) {
                        Class<? extends RuntimeException> type = c.error.startsWith("IndexError ")
                                ? IndexOutOfBoundsException.class : TorchException.class;
                        RuntimeException e = assertThrows(type, () -> run(c, idx), c.name);
                        String pyMessage = c.error.substring(c.error.indexOf(' ') + 1);
                        // LibTorch 2.10 words a few messages differently (e.g. lists int among index dtypes)
                        String expected = pyMessage.startsWith("tensors used as indices must be")
                                ? "tensors used as indices must be" : pyMessage;
                        assertTrue(e.getMessage().contains(expected), c.name + ": '" + e.getMessage() + "' should contain '" + expected + "'");
                        return;
                    }
                    Tensor r = run(c, idx);
                    assertEquals(c.result[0], r.dtype().toString(), c.name + " dtype");
                    long[] shape = Arrays.stream(c.result).skip(1).mapToLong(Long::parseLong).toArray();
                    assertArrayEquals(shape, r.shape(), c.name + " shape");
                    String[] expected = c.values.isEmpty() ? new String[0] : c.values.split(" ");
                    if (r.dtype().isFloatingPoint()) {
                        double[] got = r.toDoubleArray();
                        double[] want = Arrays.stream(expected).mapToDouble(ReprParityTest::parseDouble).toArray();
                        assertArrayEquals(want, got, 0.0, c.name + " values");
                    } else {
                        long[] want = Arrays.stream(expected).mapToLong(Long::parseLong).toArray();
                        assertArrayEquals(want, r.toLongArray(), c.name + " values");
                    }
                }
            }));
        }
        assertTrue(tests.size() >= 80, "recorded cases: " + tests.size());
        return tests;
    }
}
