package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.Tuple;
import org.torch4j.nn.Sequential;

/** Java to Java: the value mapping, storage sharing and memory (the Python side is SerializationInteropTest). */
class SerializationRoundTripTest {
    @Test
    @SuppressWarnings("unchecked")
    void valuesKeepTheirPythonKinds() {
        try (Scope s = Scope.open()) {
            Tensor base = Torch.arange(6).to(DType.FLOAT32);
            Tensor w = Torch.randn(2, 3).requiresGrad(true);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("base", base);
            m.put("view", base.slice(0, 1, 6, 2));
            m.put("same", base);
            m.put("w", w);
            m.put("t", Torch.tuple(1, 2.5, "s", null, false));
            m.put("l", List.of(1, 2));
            m.put("dev", Device.CPU);
            m.put("dtype", DType.BFLOAT16);
            m.put("big", new java.math.BigInteger("123456789012345678901234567890"));
            Map<String, Object> back = (Map<String, Object>) Torch.load(Torch.saveToBytes(m));
            assertEquals(new ArrayList<>(m.keySet()), new ArrayList<>(back.keySet()), "order kept");
            Tensor b = (Tensor) back.get("base");
            Tensor v = (Tensor) back.get("view");
            assertSame(b, back.get("same"), "the same tensor twice is one object again");
            assertTrue(v.equal(base.slice(0, 1, 6, 2)));
            b.select(0, 3).fill_(-1.0);
            assertEquals(-1.0, v.select(0, 1).item(), "the view shares the loaded storage");
            assertTrue(((Tensor) back.get("w")).requiresGrad());
            assertTrue(((Tensor) back.get("w")).equal(w.detach()));
            assertEquals(Tuple.of(1L, 2.5, "s", null, false), back.get("t"));
            assertInstanceOf(Tuple.class, back.get("t"));
            assertInstanceOf(ArrayList.class, back.get("l"));
            assertEquals(List.of(1L, 2L), back.get("l"));
            assertEquals(Device.CPU, back.get("dev"));
            assertEquals(DType.BFLOAT16, back.get("dtype"));
            assertEquals(new java.math.BigInteger("123456789012345678901234567890"), back.get("big"));
            assertNull(Torch.load(Torch.saveToBytes(null)));
        }
    }

    @Test
    void quantizedDTypesAreGlobalsButQuantizedTensorsAreNotSaved() {
        try (Scope s = Scope.open()) {
            // a dtype value pickles as the global torch.quint8 (as torch.save writes it) and reads back
            for (DType d : List.of(DType.QUINT8, DType.QINT8, DType.QINT32)) {
                assertEquals(d, Torch.load(Torch.saveToBytes(d)));
            }
            Tensor q = Torch.quantizePerTensor(Torch.ones(2), 0.5, 2, DType.QUINT8);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Torch.saveToBytes(q));
            assertTrue(e.getMessage().contains("quint8[2]"), e.getMessage());
        }
    }

    @Test
    void aSaveLoadLoopKeepsLiveTensorsFlat(@TempDir Path dir) {
        Path f = dir.resolve("m.pt");
        try (Sequential m = Interop.cnn()) {
            long before = -1;
            for (int i = 0; i < 200; i++) {
                try (Scope s = Scope.open()) {
                    Torch.save(m.stateDict(), f);
                    @SuppressWarnings("unchecked")
                    Map<String, Tensor> sd = (Map<String, Tensor>) Torch.load(f);
                    m.loadStateDict(sd);
                }
                if (i == 10) {
                    before = Torch.liveTensorCount();
                }
            }
            assertEquals(before, Torch.liveTensorCount(), "live tensors after 190 more save/load rounds");
        }
    }
}
