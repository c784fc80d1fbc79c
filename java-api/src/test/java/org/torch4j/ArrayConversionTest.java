package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Torch.tensor(javaArray, dtype)} and every {@code toXxxArray()} against PyTorch 1.13's
 * {@code x.to(dtype).tolist()} for every pair of dtypes (samples/parity/convert_cases.py): the
 * source tensor is built from the Java array type natural to its dtype, the result read back
 * through the Java array type of the target.
 */
class ArrayConversionTest {
    @TestFactory
    List<DynamicTest> conversionsMatchPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (InputStream in = ArrayConversionTest.class.getResourceAsStream("/parity/convert_cases.txt")) {
            assertNotNull(in, "convert_cases.txt is on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                assertEquals("->", f[3], line);
                DType src = ReprParityTest.dtype(f[0]);
                DType target = ReprParityTest.dtype(f[1]);
                double[] values = Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray();
                String[] expected = f[4].split(",");
                tests.add(DynamicTest.dynamicTest(src + " -> " + target, () -> {
                    try (Scope s = Scope.open()) {
                        Tensor x = source(src, values);
                        assertEquals(src, x.dtype());
                        check(x, target, expected);
                    }
                }));
            }
        }
        assertEquals(100, tests.size());
        return tests;
    }

    /** The source tensor, from the Java array type of its dtype. */
    static Tensor source(DType src, double[] v) {
        int n = v.length;
        switch (src) {
            case FLOAT32: {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) v[i]; // Java's double -> float rounds to nearest even, as .to(float32)
                }
                return Torch.tensor(a);
            }
            case FLOAT64:
                return Torch.tensor(v);
            case FLOAT16:
            case BFLOAT16:
                return Torch.tensor(v, src);
            case INT64:
                return Torch.tensor(Arrays.stream(v).mapToLong(d -> (long) d).toArray());
            case INT32:
                return Torch.tensor(Arrays.stream(v).mapToInt(d -> (int) d).toArray());
            case INT16: {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (short) v[i];
                }
                return Torch.tensor(a);
            }
            case INT8:
            case UINT8: {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) (int) v[i]; // 200 -> (byte) -56: the bits of uint8 200
                }
                return src == DType.INT8 ? Torch.tensor(a) : Torch.tensor(a, DType.UINT8);
            }
            case BOOL: {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = v[i] != 0;
                }
                return Torch.tensor(a);
            }
            default:
                throw new IllegalArgumentException(src.toString());
        }
    }

    static void check(Tensor x, DType target, String[] expected) {
        String what = x.dtype() + " -> " + target;
        switch (target) {
            case FLOAT32: {
                float[] got = x.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertEquals((float) Double.parseDouble(expected[i]), got[i], 0f, what);
                }
                assertEquals(expected.length, got.length);
                break;
            }
            case FLOAT64:
                assertArrayEquals(Arrays.stream(expected).mapToDouble(Double::parseDouble).toArray(), x.toDoubleArray(), 0.0, what);
                break;
            case FLOAT16:
            case BFLOAT16:
                assertArrayEquals(Arrays.stream(expected).mapToDouble(Double::parseDouble).toArray(),
                        x.to(target).toDoubleArray(), 0.0, what);
                break;
            case INT64:
                assertArrayEquals(Arrays.stream(expected).mapToLong(Long::parseLong).toArray(), x.toLongArray(), what);
                break;
            case INT32:
                assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::parseInt).toArray(), x.toIntArray(), what);
                break;
            case INT16: {
                short[] got = x.toShortArray();
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Short.parseShort(expected[i]), got[i], what);
                }
                break;
            }
            case INT8: {
                byte[] got = x.toByteArray();
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Byte.parseByte(expected[i]), got[i], what);
                }
                break;
            }
            case UINT8: {
                byte[] got = x.to(DType.UINT8).toByteArray(); // raw bits, read unsigned
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Integer.parseInt(expected[i]), got[i] & 0xFF, what);
                }
                break;
            }
            case BOOL: {
                boolean[] got = x.toBooleanArray();
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i].equals("1"), got[i], what);
                }
                assertTrue(got.length > 0);
                break;
            }
            default:
                throw new IllegalArgumentException(target.toString());
        }
    }
}
