package org.torch4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The op-parity harness's encodings of sparse / MKL-DNN / nested / complex / quantized tensors: a
 * tensor built from an encoding matches that encoding, and a changed value, layout, dtype or
 * quantization parameter is reported (so OpParityTest's cases of those ops can fail).
 */
class SpecialEncodingTest {

    private static String hex(float... v) {
        StringBuilder b = new StringBuilder();
        for (float f : v) {
            b.append(String.format("%08x", Float.floatToIntBits(f)));
        }
        return b.toString();
    }

    private static Map<String, Object> plain(List<Object> shape, float... v) {
        Map<String, Object> m = new HashMap<>();
        m.put("dt", "float32");
        m.put("sh", shape);
        m.put("x", hex(v));
        return m;
    }

    private static void roundTrip(Map<String, Object> enc, Map<String, Object> changed) {
        try (Scope s = Scope.open()) {
            Tensor t = Special.build(enc);
            assertNull(Compare.tensor("t", t, enc, -1), "a tensor built from an encoding matches it");
            assertNotNull(Compare.tensor("t", t, changed, -1), "a changed encoding is reported");
        }
    }

    @Test
    void sparseCoo() {
        Map<String, Object> enc = plain(List.of(2L, 2L), 0f, 1.5f, -2f, 0f);
        enc.put("layout", "sparse_coo");
        Map<String, Object> idx = new HashMap<>(Map.of("dt", "int64", "sh", List.of(2L, 2L), "v", List.of(0L, 1L, 1L, 0L)));
        enc.put("indices", idx);
        enc.put("values", plain(List.of(2L), 1.5f, -2f));
        enc.put("coalesced", true);
        enc.put("sparse_dim", 2L);
        Map<String, Object> changed = new HashMap<>(enc);
        changed.put("x", hex(0f, 1.5f, -2.5f, 0f));
        roundTrip(enc, changed);
        try (Scope s = Scope.open()) {
            Tensor dense = Torch.tensor(new float[] {0f, 1.5f, -2f, 0f}, 2, 2);
            String d = Compare.tensor("t", dense, enc, -1);
            assertTrue(d != null && d.contains("layout"), "a strided result where PyTorch gives sparse: " + d);
            Map<String, Object> wrongDim = new HashMap<>(enc);
            wrongDim.put("sparse_dim", 1L);
            assertNotNull(Compare.tensor("t", Special.build(enc), wrongDim, -1));
        }
    }

    @Test
    void compressedAndMkldnn() {
        for (String layout : List.of("sparse_csr", "sparse_csc", "mkldnn")) {
            Map<String, Object> enc = plain(List.of(2L, 3L), 0f, 1f, 0f, 2f, 0f, 3f);
            enc.put("layout", layout);
            Map<String, Object> changed = new HashMap<>(enc);
            changed.put("x", hex(0f, 1f, 0f, 2f, 0f, 4f));
            roundTrip(enc, changed);
            Map<String, Object> otherLayout = new HashMap<>(enc);
            otherLayout.put("layout", layout.equals("mkldnn") ? "sparse_csr" : "mkldnn");
            roundTrip(enc, otherLayout);
        }
    }

    @Test
    void complex() {
        Map<String, Object> enc = plain(List.of(2L), 1f, 2f, 3f, -4f);
        enc.put("dt", "complex64");
        Map<String, Object> changed = new HashMap<>(enc);
        changed.put("x", hex(1f, 2f, 3f, 4f)); // the imaginary part of element 1 (a conjugate)
        roundTrip(enc, changed);
        Map<String, Object> wider = new HashMap<>(enc);
        wider.put("dt", "complex128");
        wider.put("x", "3ff0000000000000400000000000000040080000000000004010000000000000");
        roundTrip(enc, wider);
    }

    @Test
    void quantized() {
        Map<String, Object> enc = new HashMap<>(Map.of("dt", "quint8", "sh", List.of(3L), "v", List.of(3L, 5L, 250L),
                "qscale", 0.5, "qzero", 3L));
        Map<String, Object> values = new HashMap<>(enc);
        values.put("v", List.of(3L, 6L, 250L));
        roundTrip(enc, values);
        Map<String, Object> scale = new HashMap<>(enc);
        scale.put("qscale", 0.25);
        roundTrip(enc, scale);
        Map<String, Object> dtype = new HashMap<>(enc);
        dtype.put("dt", "qint32");
        roundTrip(enc, dtype);
        Map<String, Object> perChannel = new HashMap<>(Map.of("dt", "qint8", "sh", List.of(2L, 2L), "v", List.of(1L, -2L, 3L, 4L),
                "qscales", List.of(0.1, 0.2), "qzeros", List.of(0L, 1L), "qaxis", 0L));
        Map<String, Object> zeros = new HashMap<>(perChannel);
        zeros.put("qzeros", List.of(0L, 2L));
        roundTrip(perChannel, zeros);
        try (Scope s = Scope.open()) {
            assertEquals("qint8", Special.dtypeName(Special.build(perChannel)));
        }
    }

    @Test
    void nested() {
        Map<String, Object> enc = new HashMap<>();
        enc.put("layout", "nested");
        enc.put("parts", List.of(plain(List.of(2L), 1f, 2f), plain(List.of(3L), 3f, 4f, 5f)));
        Map<String, Object> changed = new HashMap<>(enc);
        changed.put("parts", List.of(plain(List.of(2L), 1f, 2f), plain(List.of(3L), 3f, 4f, 6f)));
        roundTrip(enc, changed);
    }
}
