package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Tensor.toString()} against {@code repr(tensor)} of real PyTorch 1.13, string for string.
 * The cases (every dtype, 0-d to 4-d, value ranges that pick each float mode, nan/inf, wrapping,
 * summaries, print options, empty tensors, autograd suffixes) and their inputs come from
 * {@code samples/parity/repr_cases.py} (re-recorded by {@code ci/record-parity.sh}).
 */
class ReprParityTest {
    /** One recorded case: its recipe and the repr PyTorch printed. */
    record Case(String name, String[] opts, DType dtype, long[] shape, String[] data, String post, String expected) {
    }

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = ReprParityTest.class.getResourceAsStream("/parity/repr_cases.txt")) {
            assertNotNull(in, "repr_cases.txt is on the test classpath (java-api/pom.xml copies it from samples/parity/recordings)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String name = field(line, "case");
                String[] opts = field(r.readLine(), "opts").split(" ");
                DType dtype = dtype(field(r.readLine(), "dtype"));
                String shapeText = field(r.readLine(), "shape");
                long[] shape = shapeText.isEmpty() ? new long[0]
                        : java.util.Arrays.stream(shapeText.split(" ")).mapToLong(Long::parseLong).toArray();
                String dataText = field(r.readLine(), "data");
                String[] data = dataText.split(" ");
                String post = field(r.readLine(), "post");
                int lines = Integer.parseInt(field(r.readLine(), "lines"));
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < lines; i++) {
                    sb.append(i > 0 ? "\n" : "").append(r.readLine());
                }
                assertEquals("end", r.readLine(), name);
                cases.add(new Case(name, opts, dtype, shape, data, post, sb.toString()));
            }
        }
        return cases;
    }

    private static String field(String line, String key) {
        assertNotNull(line, "truncated recording, expected " + key);
        assertTrue(line.equals(key) || line.startsWith(key + " "), "expected '" + key + "', got: " + line);
        return line.length() == key.length() ? "" : line.substring(key.length() + 1);
    }

    static DType dtype(String name) {
        for (DType d : DType.values()) {
            if (d.toString().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Rebuilds the recorded tensor exactly as repr_cases.py built it. */
    static Tensor build(Case c) {
        long n = 1;
        for (long s : c.shape) {
            n *= s;
        }
        // quantized cases: float32 values, quantized by the post step
        DType src = c.dtype.isQuantized() ? DType.FLOAT32 : c.dtype;
        Tensor flat;
        if (c.dtype.isComplex()) {
            flat = complex(c, n);
        } else if (c.data[0].equals("list")) {
            int count = c.data.length - 1;
            assertEquals(n, count, c.name);
            if (src.isFloatingPoint()) {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = parseDouble(c.data[i + 1]);
                }
                flat = Torch.tensor(v, src);
            } else {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = Long.parseLong(c.data[i + 1]);
                }
                flat = Torch.tensor(v, src);
            }
        } else {
            long a = Long.parseLong(c.data[1]);
            long m = Long.parseLong(c.data[2]);
            long b = Long.parseLong(c.data[3]);
            String scale = c.data[4];
            boolean integral = !scale.contains(".") && !scale.contains("e");
            if (integral) {
                long k = Long.parseLong(scale);
                long[] v = new long[(int) n];
                for (int i = 0; i < n; i++) {
                    v[i] = ((i * a) % m - b) * k;
                }
                flat = Torch.tensor(v, src);
            } else {
                double k = Double.parseDouble(scale);
                double[] v = new double[(int) n];
                for (int i = 0; i < n; i++) {
                    v[i] = (double) ((i * a) % m - b) * k;
                }
                flat = Torch.tensor(v, src);
            }
        }
        Tensor t = flat.reshape(c.shape);
        if (c.dtype.isQuantized()) {
            return quantize(t, c.dtype, c.post);
        }
        switch (c.post) {
            case "none":
                return t;
            case "t":
                return t.t();
            case "rg":
                return t.requiresGrad(true);
            // Python's `t + 1` runs add.Tensor with a wrapped number (AddBackward0); Tensor.add(double)
            // on a non-float32 tensor runs add.Scalar (AddBackward1), so the Java side uses a 0-dim operand
            case "add1":
                return t.requiresGrad(true).add(Torch.scalar(1.0, c.dtype));
            case "mul2":
                return t.requiresGrad(true).mul(Torch.scalar(2.0, c.dtype));
            case "sum":
                return t.requiresGrad(true).sum();
            case "mm0":
                return t.requiresGrad(true).matmul(Torch.zeros(c.dtype, c.shape[c.shape.length - 1], 0));
            default:
                throw new IllegalArgumentException(c.post);
        }
    }

    /** repr_cases.py's quantize: {@code qt:SCALE:ZERO_POINT} per tensor, {@code qc:AXIS:S0,..:Z0,..} per channel. */
    private static Tensor quantize(Tensor t, DType dtype, String post) {
        String[] p = post.split(":");
        if (p[0].equals("qt")) {
            return Torch.quantizePerTensor(t, Double.parseDouble(p[1]), Long.parseLong(p[2]), dtype);
        }
        assertEquals("qc", p[0], post);
        double[] scales = java.util.Arrays.stream(p[2].split(",")).mapToDouble(Double::parseDouble).toArray();
        long[] zeroPoints = java.util.Arrays.stream(p[3].split(",")).mapToLong(Long::parseLong).toArray();
        return Torch.quantizePerChannel(t, Torch.tensor(scales), Torch.tensor(zeroPoints), Long.parseLong(p[1]), dtype);
    }

    /** A complex tensor from 2n interleaved parts, as repr_cases.py builds it: view_as_complex, then the cast. */
    private static Tensor complex(Case c, long n) {
        double[] v = new double[(int) (2 * n)];
        if (c.data[0].equals("list")) {
            assertEquals(2 * n, c.data.length - 1, c.name);
            for (int i = 0; i < v.length; i++) {
                v[i] = parseDouble(c.data[i + 1]);
            }
        } else {
            long a = Long.parseLong(c.data[1]);
            long m = Long.parseLong(c.data[2]);
            long b = Long.parseLong(c.data[3]);
            double k = Double.parseDouble(c.data[4]);
            for (int i = 0; i < v.length; i++) {
                v[i] = (double) ((i * a) % m - b) * k;
            }
        }
        Tensor pairs = Torch.tensor(v, DType.FLOAT64, n, 2);
        // view_as_complex is not in the facade yet: one call through the escape hatch
        try (org.bytedeco.pytorch.Tensor z = org.bytedeco.pytorch.global.torch.view_as_complex(pairs.unwrap())) {
            return Tensor.wrap(z).to(c.dtype);
        }
    }

    static double parseDouble(String s) {
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    static PrintOptions options(String[] o) {
        double threshold = o[1].equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(o[1]);
        Boolean sci = o[4].equals("None") ? null : Boolean.valueOf(o[4].equals("True"));
        return new PrintOptions(Integer.parseInt(o[0]), threshold, Integer.parseInt(o[2]), Integer.parseInt(o[3]), sci);
    }

    @AfterEach
    void reset() {
        Torch.resetPrintOptions();
    }

    @TestFactory
    List<DynamicTest> reprMatchesPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : load()) {
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                try (Scope s = Scope.open()) {
                    Tensor t = build(c);
                    Torch.setPrintOptions(options(c.opts));
                    try {
                        assertEquals(c.expected, t.toString(), c.name);
                    } finally {
                        Torch.resetPrintOptions();
                    }
                }
            }));
        }
        assertTrue(tests.size() >= 100, "recorded cases: " + tests.size());
        return tests;
    }
}
