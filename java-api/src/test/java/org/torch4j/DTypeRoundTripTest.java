package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Tensor#dtype()} for every dtype. JavaCPP returns a fresh enum object from each native
 * call returning an enum, so a lookup by identity failed ("unsupported dtype Float") — and with it
 * every error message describing a tensor operand. The quantized dtypes are checked on tensors made
 * by {@code quantizePerTensor} / {@code quantizePerChannel} / {@code quantizePerTensorDynamic},
 * against PyTorch 1.13's values recorded by {@code samples/parity/quant_cases.py}.
 */
class DTypeRoundTripTest {
    @Test
    void everyDTypeReadsBack() {
        try (Scope s = Scope.open()) {
            for (DType d : DType.values()) {
                if (d.isQuantized()) {
                    continue; // no factory makes them: quantizedDTypesMatchPyTorch
                }
                assertEquals(d, Torch.zeros(d, 2).dtype());
            }
        }
    }

    @Test
    void quantizedFlags() {
        for (DType d : DType.values()) {
            boolean q = d == DType.QUINT8 || d == DType.QINT8 || d == DType.QINT32;
            assertEquals(q, d.isQuantized(), d.toString());
            if (q) {
                assertFalse(d.isFloatingPoint() || d.isComplex(), d.toString());
            }
        }
        assertEquals("quint8", DType.QUINT8.toString());
        assertEquals("qint8", DType.QINT8.toString());
        assertEquals("qint32", DType.QINT32.toString());
        assertEquals(4, DType.QINT32.itemSize());
    }

    @Test
    void errorMessagesDescribeOperands() {
        try (Scope s = Scope.open()) {
            TorchException e = assertThrows(TorchException.class, () -> Torch.zeros(3).add(Torch.zeros(4)));
            assertTrue(e.getMessage().contains("float32[3]") && e.getMessage().contains("float32[4]"), e.getMessage());
        }
    }

    @Test
    void errorMessagesDescribeQuantizedOperands() {
        try (Scope s = Scope.open()) {
            Tensor q = Torch.quantizePerTensor(Torch.ones(3), 0.5, 2, DType.QUINT8);
            Exception e = assertThrows(RuntimeException.class, () -> q.matmul(Torch.ones(4)));
            assertTrue(e.getMessage().contains("quint8[3]"), e.getMessage());
        }
    }

    @Test
    void factoriesRejectQuantizedDTypes() {
        try (Scope s = Scope.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Torch.tensor(new float[] {1, 2}, DType.QINT8));
            assertTrue(e.getMessage().contains("qint8") && e.getMessage().contains("quantizePerTensor"), e.getMessage());
            // LibTorch has no zeros/ones kernel for quantized tensors: an exception, not a crash
            assertThrows(TorchException.class, () -> Torch.zeros(DType.QUINT8, 2));
        }
    }

    @Test
    void plainOpsGivenAQuantizedDTypeThrowNeverCrash() {
        try (Scope s = Scope.open()) {
            // PyTorch 1.13 rejects .to(quint8) ("empty_strided not supported on quantized tensors")
            TorchException e = assertThrows(TorchException.class, () -> Torch.ones(3).to(DType.QUINT8));
            assertTrue(e.getMessage().startsWith("to"), e.getMessage());
            // torch.empty(dtype=quint8) is made without a quantizer; repr() of it raises in PyTorch 1.13
            // ("cannot call qscheme on UnknownQuantizer"): here a TorchException, not a crash
            Tensor empty = Torch.empty(DType.QUINT8, 2);
            assertEquals(DType.QUINT8, empty.dtype());
            TorchException p = assertThrows(TorchException.class, empty::toString);
            assertTrue(p.getMessage().startsWith("toString") && p.getMessage().contains("UnknownQuantizer"), p.getMessage());
        }
    }

    /** One case of quant_cases.txt: key -> rest of the line. */
    static List<Map<String, String>> load() throws IOException {
        List<Map<String, String>> cases = new ArrayList<>();
        try (InputStream in = DTypeRoundTripTest.class.getResourceAsStream("/parity/quant_cases.txt")) {
            assertNotNull(in, "quant_cases.txt is on the test classpath (java-api/pom.xml copies it from samples/parity/recordings)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> c = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                String key = sp < 0 ? line : line.substring(0, sp);
                String value = sp < 0 ? "" : line.substring(sp + 1);
                if (key.equals("case")) {
                    c = new LinkedHashMap<>();
                    c.put("case", value);
                } else if (key.equals("end")) {
                    cases.add(c);
                    c = null;
                } else {
                    c.put(key, value);
                }
            }
        }
        return cases;
    }

    private static double[] doubles(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static long[] longs(String s) {
        return s.isEmpty() ? new long[0] : Arrays.stream(s.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @TestFactory
    List<DynamicTest> quantizedDTypesMatchPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, String> c : load()) {
            tests.add(DynamicTest.dynamicTest(c.get("case"), () -> {
                try (Scope s = Scope.open()) {
                    DType dtype = ReprParityTest.dtype(c.get("dtype"));
                    assertTrue(dtype.isQuantized());
                    double[] in = doubles(c.get("input"));
                    float[] f = new float[in.length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = (float) in[i];
                    }
                    Tensor x = Torch.tensor(f).reshape(longs(c.get("shape")));
                    Tensor q = switch (c.get("call")) {
                        case "per_tensor" -> Torch.quantizePerTensor(x, Double.parseDouble(c.get("scale")),
                                Long.parseLong(c.get("zero_point")), dtype);
                        case "per_channel" -> Torch.quantizePerChannel(x, Torch.tensor(doubles(c.get("scales"))),
                                Torch.tensor(longs(c.get("zero_points"))), Long.parseLong(c.get("axis")), dtype);
                        case "dynamic" -> Torch.quantizePerTensorDynamic(x, dtype, Boolean.parseBoolean(c.get("reduce_range").toLowerCase()));
                        default -> throw new IllegalArgumentException(c.get("call"));
                    };
                    DType out = ReprParityTest.dtype(c.get("out_dtype"));
                    assertEquals(out, q.dtype());
                    assertTrue(q.dtype().isQuantized());
                    assertArrayEquals(x.shape(), q.shape());
                    if (c.containsKey("out_scale")) {
                        assertEquals(Double.parseDouble(c.get("out_scale")), q.qScale(), 0.0, "q_scale");
                        assertEquals(Long.parseLong(c.get("out_zero_point")), q.qZeroPoint(), "q_zero_point");
                    } else {
                        assertArrayEquals(doubles(c.get("scales")), q.qPerChannelScales().toDoubleArray(), "scales");
                        assertArrayEquals(longs(c.get("zero_points")), q.qPerChannelZeroPoints().toLongArray(), "zero points");
                        assertEquals(Long.parseLong(c.get("axis")), q.qPerChannelAxis());
                    }
                    assertArrayEquals(longs(c.get("int_repr")), q.intRepr().toLongArray(), "int_repr");
                    Tensor dq = q.dequantize();
                    assertEquals(DType.FLOAT32, dq.dtype());
                    assertArrayEquals(doubles(c.get("dequantize")), dq.toDoubleArray(), 0.0, "dequantize");
                }
            }));
        }
        return tests;
    }
}
